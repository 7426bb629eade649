package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;

/**
 * The 4x4 end of the discriminator ({@code networks.py: DiscriminatorEpilogue}, unconditional):
 * minibatch stddev, 3x3 {@code conv}, {@code fc} on the flattened features, and {@code out}, one
 * logit per image. Input {@code [N, C, 4, 4]}, output {@code [N, 1]}.
 */
public final class DiscriminatorEpilogue {
    private final MinibatchStdLayer mbstd;
    private final Conv2dLayer conv;
    private final FullyConnectedLayer fc;
    private final FullyConnectedLayer out;

    /** @param name official prefix, {@code b4} */
    public DiscriminatorEpilogue(StateDict params, String name, int inChannels, int resolution, int mbstdGroupSize,
            int mbstdChannels, Float convClamp) {
        this.mbstd = mbstdChannels > 0 ? new MinibatchStdLayer(mbstdGroupSize, mbstdChannels) : null;
        this.conv = new Conv2dLayer(params, name + ".conv", inChannels + mbstdChannels, inChannels, 3,
                Conv2dLayer.options().activation(ActivationFunction.LRELU).convClamp(convClamp));
        this.fc = new FullyConnectedLayer(params, name + ".fc", inChannels * resolution * resolution, inChannels,
                FullyConnectedLayer.options().activation(ActivationFunction.LRELU));
        this.out = new FullyConnectedLayer(params, name + ".out", inChannels, 1);
    }

    public NDArray forward(NDArray x) {
        if (mbstd != null) {
            x = mbstd.forward(x);
        }
        x = conv.forward(x);
        x = fc.forward(x.reshape(x.getShape().get(0), -1));
        return out.forward(x);
    }
}
