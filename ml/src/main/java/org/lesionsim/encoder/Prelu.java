package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;

/** {@code torch.nn.PReLU(C)}: {@code max(0, x) + a_c min(0, x)}, one learned slope per channel (init 0.25). */
final class Prelu {
    private final NDArray weight;
    private final int channels;

    Prelu(StateDict params, String name, int channels) {
        this.channels = channels;
        this.weight = params.parameter(name + ".weight", new Shape(channels), StateDict.Init.constant(0.25));
    }

    NDArray forward(NDArray x) {
        // relu(x) - a relu(-x): no scalar operands inside the graph
        NDArray a = StepArrays.view(x, weight).reshape(new Shape(1, channels, 1, 1));
        return Activation.relu(x).sub(Activation.relu(x.neg()).mul(a));
    }
}
