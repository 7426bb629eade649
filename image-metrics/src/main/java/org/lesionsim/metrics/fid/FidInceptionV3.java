package org.lesionsim.metrics.fid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inception-v3 up to its 2048-d pool3 features, in the FID variant of pytorch-fid
 * ({@code InceptionV3(output_blocks=[3], use_fid_inception=True)}, weights
 * {@code pt_inception-2015-12-05}, TensorFlow's graph of the original FID): the stem
 * (Conv2d_1a..Conv2d_4a with two 3×3/2 max pools), Mixed_5b..Mixed_7c ({@link InceptionBlock}), global
 * average pool. In: [N, 3, H, W] already scaled to [−1, 1] (the {@code 2x − 1} of
 * {@code normalize_input}); H, W ≥ 75 (299 for FID proper). Out: [N, 2048].
 *
 * <p>Each BasicConv2d's eval-mode BatchNorm is folded into its convolution at load time,
 * {@code w' = w·γ/√(σ²+ε)}, {@code b' = β − μ·γ/√(σ²+ε)}, ε = 0.001: the same function with one op fewer.
 */
final class FidInceptionV3 {
    static final int FEATURES = 2048;
    /** The smallest input the network accepts (torchvision's documented minimum). */
    static final int MIN_INPUT = 75;

    private static final List<BasicConv2d> STEM_BEFORE_POOL1 = List.of(
            BasicConv2d.square("Conv2d_1a_3x3", 3, 32, 3, 2, 0),
            BasicConv2d.square("Conv2d_2a_3x3", 32, 32, 3, 1, 0),
            BasicConv2d.square("Conv2d_2b_3x3", 32, 64, 3, 1, 1));
    private static final List<BasicConv2d> STEM_BEFORE_POOL2 = List.of(
            BasicConv2d.square("Conv2d_3b_1x1", 64, 80, 1, 1, 0),
            BasicConv2d.square("Conv2d_4a_3x3", 80, 192, 3, 1, 0));
    private static final List<InceptionBlock> MIXED = List.of(
            new InceptionBlock.A("Mixed_5b", 192, 32),
            new InceptionBlock.A("Mixed_5c", 256, 64),
            new InceptionBlock.A("Mixed_5d", 288, 64),
            new InceptionBlock.B("Mixed_6a", 288),
            new InceptionBlock.C("Mixed_6b", 768, 128),
            new InceptionBlock.C("Mixed_6c", 768, 160),
            new InceptionBlock.C("Mixed_6d", 768, 160),
            new InceptionBlock.C("Mixed_6e", 768, 192),
            new InceptionBlock.D("Mixed_7a", 768),
            new InceptionBlock.E("Mixed_7b", 1280, false),
            new InceptionBlock.E("Mixed_7c", 2048, true));

    /** A convolution with its BatchNorm folded in. */
    private record FoldedConv(NDArray weight, NDArray bias) {
    }

    private final Map<String, FoldedConv> folded;

    private FidInceptionV3(Map<String, FoldedConv> folded) {
        this.folded = Map.copyOf(folded);
    }

    /** Every BasicConv2d of the network, in state_dict order. */
    static List<BasicConv2d> convs() {
        List<BasicConv2d> all = new ArrayList<>(STEM_BEFORE_POOL1);
        all.addAll(STEM_BEFORE_POOL2);
        MIXED.forEach(block -> all.addAll(block.convs()));
        return all;
    }

    /**
     * Folds the checked state_dict tensors ({@link InceptionWeightFile#read}) into conv weights on
     * {@code manager}, which then holds the network's weights.
     */
    static FidInceptionV3 fold(Map<String, NDArray> stateDict, NDManager manager) {
        Map<String, FoldedConv> folded = new HashMap<>();
        for (BasicConv2d conv : convs()) {
            NDArray gamma = stateDict.get(conv.bn("weight"));
            NDArray beta = stateDict.get(conv.bn("bias"));
            NDArray mean = stateDict.get(conv.bn("running_mean"));
            NDArray var = stateDict.get(conv.bn("running_var"));
            NDArray scale = gamma.div(var.add(BasicConv2d.BN_EPS).sqrt());
            NDArray weight = stateDict.get(conv.convWeight()).mul(scale.reshape(conv.out(), 1, 1, 1));
            NDArray bias = beta.sub(mean.mul(scale));
            weight.attach(manager);
            bias.attach(manager);
            folded.put(conv.name(), new FoldedConv(weight, bias));
        }
        return new FidInceptionV3(folded);
    }

    /** [N, 3, H, W] in [−1, 1] → [N, 2048] pool3 features, on the input's manager. */
    NDArray forward(NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3 || shape.get(2) < MIN_INPUT || shape.get(3) < MIN_INPUT) {
            throw new IllegalArgumentException("Inception-v3 needs [N, 3, H, W] with H, W >= " + MIN_INPUT + ", got " + shape);
        }
        InceptionBlock.ConvRunner run = this::basicConv;
        for (BasicConv2d conv : STEM_BEFORE_POOL1) {
            x = run.apply(conv, x);
        }
        x = maxPool3x3Stride2(x);
        for (BasicConv2d conv : STEM_BEFORE_POOL2) {
            x = run.apply(conv, x);
        }
        x = maxPool3x3Stride2(x);
        for (InceptionBlock block : MIXED) {
            x = block.forward(x, run);
        }
        // AdaptiveAvgPool2d((1, 1)) then flatten; several-axis mean throws in DJL, so sum and scale
        long pixels = x.getShape().get(2) * x.getShape().get(3);
        return x.sum(new int[] {2, 3}).div((float) pixels);
    }

    private NDArray basicConv(BasicConv2d conv, NDArray x) {
        FoldedConv w = folded.get(conv.name());
        NDArray y = Conv2d.conv2d(x, w.weight(), w.bias(), new Shape(conv.stride(), conv.stride()),
                new Shape(conv.padH(), conv.padW()), new Shape(1, 1), 1).singletonOrThrow();
        return Activation.relu(y);
    }

    private static NDArray maxPool3x3Stride2(NDArray x) {
        return Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false);
    }
}
