package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import org.lesionsim.gan.StateDict;

/**
 * One {@code bottleneck_IR_SE} unit of the IR-SE ResNet ({@code helpers.py}): residual branch
 * {@code res_layer} = BN, 3x3 conv (stride 1), PReLU, 3x3 conv (stride s), BN, SE(16); shortcut
 * {@code MaxPool2d(1, s)} when the channel count stays, else 1x1 conv (stride s) + BN.
 * Input {@code [N, in, H, W]}, output {@code [N, depth, H/s, W/s]}.
 */
final class BottleneckIrSe {
    static final int SE_REDUCTION = 16;

    private final int stride;
    private final PlainConv2d shortcutConv;
    private final BatchNorm2d shortcutBn;
    private final BatchNorm2d bn0;
    private final PlainConv2d conv1;
    private final Prelu prelu2;
    private final PlainConv2d conv3;
    private final BatchNorm2d bn4;
    private final SqueezeExcitation se5;

    /** @param name state-dict prefix, e.g. {@code body.3} */
    BottleneckIrSe(StateDict params, String name, int inChannels, int depth, int stride) {
        this.stride = stride;
        if (inChannels == depth) {
            shortcutConv = null;
            shortcutBn = null;
        } else {
            shortcutConv = new PlainConv2d(params, name + ".shortcut_layer.0", inChannels, depth,
                    PlainConv2d.kernel(1).stride(stride).bias(false));
            shortcutBn = new BatchNorm2d(params, name + ".shortcut_layer.1", depth);
        }
        String res = name + ".res_layer.";
        bn0 = new BatchNorm2d(params, res + "0", inChannels);
        conv1 = new PlainConv2d(params, res + "1", inChannels, depth, PlainConv2d.kernel(3).padding(1).bias(false));
        prelu2 = new Prelu(params, res + "2", depth);
        conv3 = new PlainConv2d(params, res + "3", depth, depth, PlainConv2d.kernel(3).stride(stride).padding(1).bias(false));
        bn4 = new BatchNorm2d(params, res + "4", depth);
        se5 = new SqueezeExcitation(params, res + "5", depth, SE_REDUCTION);
    }

    NDArray forward(NDArray x, boolean training) {
        NDArray shortcut = shortcutConv == null
                ? (stride == 1 ? x : Pool.maxPool2d(x, new Shape(1, 1), new Shape(stride, stride), new Shape(0, 0), false))
                : shortcutBn.forward(shortcutConv.forward(x), training);
        NDArray r = bn0.forward(x, training);
        r = prelu2.forward(conv1.forward(r));
        r = bn4.forward(conv3.forward(r), training);
        r = se5.forward(r);
        return r.add(shortcut);
    }
}
