package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One style-modulated convolution of the synthesis network ({@code networks.py: SynthesisLayer}):
 * {@code affine} (w to styles, bias init 1) -> modulated + demodulated conv (optionally upsampling
 * by 2 with the FIR filter) -> noise scaled by the learned {@code noise_strength} -> bias + lrelu
 * with gain sqrt(2) (+ optional clamp). Input {@code [N, in, res / up, res / up]} and w
 * {@code [N, w_dim]}; output {@code [N, out, res, res]}.
 */
public final class SynthesisLayer {
    private final FullyConnectedLayer affine;
    private final NDArray weight;
    private final NDArray bias;
    private final NDArray noiseStrength;
    private final NDArray noiseConst;
    private final float[] resampleTaps;
    private final int resolution;
    private final int up;
    private final int padding;
    private final Float convClamp;

    /** @param name official prefix, e.g. {@code synthesis.b8.conv0} */
    public SynthesisLayer(StateDict params, String name, int inChannels, int outChannels, int wDim, int resolution,
            Options options) {
        int kernelSize = options.kernelSize();
        float[] filterTaps = options.resampleFilter();
        this.resolution = resolution;
        this.up = options.up();
        this.convClamp = options.convClamp();
        this.padding = kernelSize / 2;
        this.resampleTaps = filterTaps.clone();
        Upfirdn2d.requireSeparableFilter(params.buffer(name + ".resample_filter", new Shape(filterTaps.length, filterTaps.length),
                StateDict.Init.values(Upfirdn2d.setupFilter(filterTaps))), filterTaps, name + ".resample_filter");
        this.affine = new FullyConnectedLayer(params, name + ".affine", wDim, inChannels,
                FullyConnectedLayer.options().biasInit(1));
        this.weight = params.parameter(name + ".weight", new Shape(outChannels, inChannels, kernelSize, kernelSize),
                StateDict.Init.normal(1.0));
        this.noiseConst = params.buffer(name + ".noise_const", new Shape(resolution, resolution), StateDict.Init.normal(1.0));
        this.noiseStrength = params.parameter(name + ".noise_strength", new Shape(), StateDict.Init.constant(0));
        this.bias = params.parameter(name + ".bias", new Shape(outChannels), StateDict.Init.constant(0));
    }

    /** The reference's defaults, to change by name: {@code options().up(2).convClamp(256f)}. */
    public static Options options() {
        return Options.DEFAULTS;
    }

    /**
     * The reference's keyword arguments {@code kernel_size}, {@code up}, {@code resample_filter}
     * (separable taps) and {@code conv_clamp} ({@code null} = none).
     */
    public record Options(int kernelSize, int up, float[] resampleFilter, Float convClamp) {
        static final Options DEFAULTS = new Options(3, 1, Upfirdn2d.DEFAULT_TAPS, null);

        public Options kernelSize(int kernelSize) {
            return new Options(kernelSize, up, resampleFilter, convClamp);
        }

        public Options up(int up) {
            return new Options(kernelSize, up, resampleFilter, convClamp);
        }

        public Options resampleFilter(float[] resampleFilter) {
            return new Options(kernelSize, up, resampleFilter, convClamp);
        }

        public Options convClamp(Float convClamp) {
            return new Options(kernelSize, up, resampleFilter, convClamp);
        }
    }

    /**
     * @param fused one grouped convolution with per-sample weights (see {@link ModulatedConv2d})
     * @param gain  extra output gain (also scales the clamp)
     */
    public NDArray forward(NDArray x, NDArray w, NoiseMode noiseMode, boolean fused, double gain) {
        NDArray styles = affine.forward(w);

        NDArray noise = null;
        if (noiseMode == NoiseMode.RANDOM) {
            noise = x.getManager().randomNormal(0, 1, new Shape(x.getShape().get(0), 1, resolution, resolution), DataType.FLOAT32)
                    .mul(StepArrays.view(styles, noiseStrength));
        } else if (noiseMode == NoiseMode.CONST) {
            noise = StepArrays.view(styles, noiseConst).mul(StepArrays.view(styles, noiseStrength));
        }

        boolean flipWeight = up == 1; // slightly faster, as in the reference
        // Parameters are viewed next to the FP32 styles: in an FP16 block they meet x in its type only inside the ops.
        x = ModulatedConv2d.modulatedConv2d(x, StepArrays.view(styles, weight), styles, noise, up, padding,
                resampleTaps, true, flipWeight, fused);

        Double clamp = convClamp == null ? null : convClamp * gain;
        return BiasAct.biasAct(x, StepArrays.view(styles, bias), ActivationFunction.LRELU,
                ActivationFunction.LRELU.defaultGain() * gain, clamp);
    }

    /** The style affine ({@code <name>.affine}): SeFa factorises its weight. */
    public FullyConnectedLayer affine() {
        return affine;
    }
}
