package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Features to colour ({@code networks.py: ToRGBLayer}): a modulated 1x1 convolution without
 * demodulation, styles scaled by {@code 1 / sqrt(in_channels * k^2)}, plus bias (+ optional clamp).
 * Input {@code [N, in, H, W]} and w {@code [N, w_dim]}; output {@code [N, img_channels, H, W]}.
 */
public final class ToRgbLayer {
    private final FullyConnectedLayer affine;
    private final NDArray weight;
    private final NDArray bias;
    private final double weightGain;
    private final Float convClamp;

    /** @param name official prefix, e.g. {@code synthesis.b64.torgb} */
    public ToRgbLayer(StateDict params, String name, int inChannels, int outChannels, int wDim, int kernelSize,
            Float convClamp) {
        this.convClamp = convClamp;
        this.affine = new FullyConnectedLayer(params, name + ".affine", wDim, inChannels,
                FullyConnectedLayer.options().biasInit(1));
        this.weight = params.parameter(name + ".weight", new Shape(outChannels, inChannels, kernelSize, kernelSize),
                StateDict.Init.normal(1.0));
        this.bias = params.parameter(name + ".bias", new Shape(outChannels), StateDict.Init.constant(0));
        this.weightGain = 1.0 / Math.sqrt((double) inChannels * kernelSize * kernelSize);
    }

    public NDArray forward(NDArray x, NDArray w, boolean fused) {
        NDArray styles = StepArrays.mul(affine.forward(w), weightGain);
        x = ModulatedConv2d.modulatedConv2d(x, StepArrays.view(styles, weight), styles, null, 1, 0, null, false, true, fused);
        return BiasAct.biasAct(x, StepArrays.view(styles, bias), ActivationFunction.LINEAR, 1.0,
                convClamp == null ? null : convClamp.doubleValue());
    }

    /** The style affine ({@code <name>.affine}). */
    public FullyConnectedLayer affine() {
        return affine;
    }
}
