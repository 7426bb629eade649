package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.gan.FullyConnectedLayer;
import org.lesionsim.gan.StateDict;

/**
 * {@code map2style} ({@code psp_encoders.py: GradualStyleBlock}): {@code log2(spatial)} 3x3 convs of
 * stride 2, each followed by LeakyReLU (slope 0.01, {@code nn.LeakyReLU()}'s default), take a
 * {@code [N, in, spatial, spatial]} feature map down to {@code [N, out, 1, 1]}; an equalised linear
 * layer ({@code EqualLinear(out, out, lr_mul=1)}, the generator's {@link FullyConnectedLayer}) then
 * gives one style vector {@code [N, out]}. Parameters {@code styles.i.convs.{0,2,..}} and
 * {@code styles.i.linear}.
 */
final class GradualStyleBlock {
    static final float LEAKY_SLOPE = 0.01f;

    private final List<PlainConv2d> convs = new ArrayList<>();
    private final FullyConnectedLayer linear;
    private final int outChannels;

    GradualStyleBlock(StateDict params, String name, int inChannels, int outChannels, int spatial) {
        this.outChannels = outChannels;
        int numPools = Math.max(1, Integer.numberOfTrailingZeros(spatial)); // log2; a 1x1 map still gets one conv
        for (int i = 0; i < numPools; i++) {
            convs.add(new PlainConv2d(params, name + ".convs." + (2 * i), i == 0 ? inChannels : outChannels,
                    outChannels, PlainConv2d.kernel(3).stride(2).padding(1)));
        }
        this.linear = new FullyConnectedLayer(params, name + ".linear", outChannels, outChannels);
    }

    NDArray forward(NDArray x) {
        for (PlainConv2d conv : convs) {
            x = Activation.leakyRelu(conv.forward(x), LEAKY_SLOPE);
        }
        return linear.forward(x.reshape(-1, outChannels));
    }

    int convCount() {
        return convs.size();
    }
}
