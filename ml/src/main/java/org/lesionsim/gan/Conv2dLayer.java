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

    /**
     * @param name      official prefix, e.g. {@code b64.conv0}
     * @param convClamp clamp of the output to +-X, {@code null} = none
     */
    public Conv2dLayer(StateDict params, String name, int inChannels, int outChannels, int kernelSize, boolean bias,
            ActivationFunction activation, int up, int down, float[] filterTaps, Float convClamp) {
        this.activation = activation;
        this.up = up;
        this.down = down;
        this.convClamp = convClamp;
        this.resampleTaps = filterTaps.clone();
        Upfirdn2d.requireSeparableFilter(params.buffer(name + ".resample_filter", new Shape(filterTaps.length, filterTaps.length),
                StateDict.Init.values(Upfirdn2d.setupFilter(filterTaps))), filterTaps, name + ".resample_filter");
        this.padding = kernelSize / 2;
        this.weightGain = 1.0 / Math.sqrt((double) inChannels * kernelSize * kernelSize);
        this.weight = params.parameter(name + ".weight", new Shape(outChannels, inChannels, kernelSize, kernelSize),
                StateDict.Init.normal(1.0));
        this.bias = bias ? params.parameter(name + ".bias", new Shape(outChannels), StateDict.Init.constant(0)) : null;
    }

    /** @param gain extra output gain (sqrt(0.5) on the residual branches), also scales the clamp */
    public NDArray forward(NDArray x, double gain) {
        NDArray w = StepArrays.scaled(x, weight, weightGain);
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
