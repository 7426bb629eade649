package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;

/**
 * The SE module of {@code helpers.py: SEModule} (Hu et al. 2018): global average pool, 1x1 conv
 * down by {@code reduction}, ReLU, 1x1 conv back up, sigmoid, and the input rescaled channel by
 * channel. Both convs have no bias ({@code fc1}, {@code fc2}). Input and output {@code [N, C, H, W]}.
 */
final class SqueezeExcitation {
    private final PlainConv2d fc1;
    private final PlainConv2d fc2;

    SqueezeExcitation(StateDict params, String name, int channels, int reduction) {
        int squeezed = Math.max(channels / reduction, 1);
        this.fc1 = new PlainConv2d(params, name + ".fc1", channels, squeezed, PlainConv2d.kernel(1).bias(false));
        this.fc2 = new PlainConv2d(params, name + ".fc2", squeezed, channels, PlainConv2d.kernel(1).bias(false));
    }

    NDArray forward(NDArray x) {
        long pixels = x.getShape().get(2) * x.getShape().get(3);
        NDArray pooled = StepArrays.mul(x.sum(new int[] {2, 3}, true), 1.0 / pixels);
        NDArray gate = Activation.sigmoid(fc2.forward(Activation.relu(fc1.forward(pooled))));
        return x.mul(gate);
    }
}
