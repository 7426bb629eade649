package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Convolution with equalized learning rate and optional FIR up/downsampling
 * ({@code networks.py: Conv2dLayer}); the discriminator's building block. Weight
 * {@code N(0, 1)} scaled at run time by {@code 1 / sqrt(in_channels * k^2)}; bias starts at 0.
 * Input {@code [N, in, H, W]}, output {@code [N, out, H * up / down, W * up / down]}.
 */
public final class Conv2dLayer {
    private final NDArray weight;
    private final NDArray bias;
    private final float[] resampleTaps;
    private final ActivationFunction activation;
    private final int up;
    private final int down;
    private final int padding;
    private final double weightGain;
    private final Float convClamp;

    /** @param name official prefix, e.g. {@code b64.conv0} */
    public Conv2dLayer(StateDict params, String name, int inChannels, int outChannels, int kernelSize, Options options) {
        this.activation = options.activation();
        this.up = options.up();
        this.down = options.down();
        this.convClamp = options.convClamp();
        float[] filterTaps = options.resampleFilter();
        this.resampleTaps = filterTaps.clone();
        Upfirdn2d.requireSeparableFilter(params.buffer(name + ".resample_filter", new Shape(filterTaps.length, filterTaps.length),
                StateDict.Init.values(Upfirdn2d.setupFilter(filterTaps))), filterTaps, name + ".resample_filter");
        this.padding = kernelSize / 2;
        this.weightGain = 1.0 / Math.sqrt((double) inChannels * kernelSize * kernelSize);
        this.weight = params.parameter(name + ".weight", new Shape(outChannels, inChannels, kernelSize, kernelSize),
                StateDict.Init.normal(1.0));
        this.bias = options.bias() ? params.parameter(name + ".bias", new Shape(outChannels), StateDict.Init.constant(0)) : null;
    }

    /** The reference's defaults, to change by name: {@code options().activation(LRELU).down(2)}. */
    public static Options options() {
        return Options.DEFAULTS;
    }

    /**
     * The reference's keyword arguments {@code bias}, {@code activation}, {@code up}, {@code down},
     * {@code resample_filter} (separable taps) and {@code conv_clamp} (clamp of the output to +-X,
     * {@code null} = none).
     */
    public record Options(boolean bias, ActivationFunction activation, int up, int down, float[] resampleFilter,
            Float convClamp) {
        static final Options DEFAULTS = new Options(true, ActivationFunction.LINEAR, 1, 1, Upfirdn2d.DEFAULT_TAPS, null);

        public Options bias(boolean bias) {
            return new Options(bias, activation, up, down, resampleFilter, convClamp);
        }

        public Options activation(ActivationFunction activation) {
            return new Options(bias, activation, up, down, resampleFilter, convClamp);
        }

        public Options up(int up) {
            return new Options(bias, activation, up, down, resampleFilter, convClamp);
        }

        public Options down(int down) {
            return new Options(bias, activation, up, down, resampleFilter, convClamp);
        }

        public Options resampleFilter(float[] resampleFilter) {
            return new Options(bias, activation, up, down, resampleFilter, convClamp);
        }

        public Options convClamp(Float convClamp) {
            return new Options(bias, activation, up, down, resampleFilter, convClamp);
        }
    }

    /** @param gain extra output gain (sqrt(0.5) on the residual branches), also scales the clamp */
    public NDArray forward(NDArray x, double gain) {
        NDArray w = StepArrays.scaled(x, weight, weightGain); // in x's type: FP16 in an FP16 block
        NDArray b = bias == null ? null : StepArrays.view(x, bias);
        boolean flipWeight = up == 1; // slightly faster, as in the reference
        x = Conv2dResample.conv2dResample(x, w, resampleTaps, up, down, padding, 1, flipWeight);
        Double clamp = convClamp == null ? null : convClamp * gain;
        return BiasAct.biasAct(x, b, activation, activation.defaultGain() * gain, clamp);
    }

    public NDArray forward(NDArray x) {
        return forward(x, 1.0);
    }
}
