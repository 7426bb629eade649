package org.lesionsim.metrics.fid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The mixed blocks of Inception-v3 as pytorch-fid's {@code fid_inception_v3} builds them: torchvision's
 * {@code InceptionA..E} with pytorch-fid's patches, which reproduce the TensorFlow graph the FID
 * statistics were defined on:
 * <ul>
 *   <li>{@code FIDInceptionA}, {@code FIDInceptionC}, {@code FIDInceptionE_1}: the pool branch averages
 *       3×3 with padding 1 but <b>without counting the padded zeros</b> ({@code count_include_pad=False});
 *   <li>{@code FIDInceptionE_2} (Mixed_7c): the pool branch <b>max</b>-pools 3×3 instead of averaging.
 * </ul>
 * InceptionB (Mixed_6a) and InceptionD (Mixed_7a) are unpatched. Each block lists its convolutions
 * (for the weight file) and runs them through a {@link ConvRunner}.
 */
sealed interface InceptionBlock {

    /** Runs one BasicConv2d (conv + folded BN + ReLU) on loaded weights. */
    @FunctionalInterface
    interface ConvRunner {
        NDArray apply(BasicConv2d conv, NDArray x);
    }

    List<BasicConv2d> convs();

    NDArray forward(NDArray x, ConvRunner conv);

    /** FIDInceptionA: 64 + 64 + 96 + poolFeatures channels out. */
    final class A implements InceptionBlock {
        private final BasicConv2d branch1x1;
        private final BasicConv2d branch5x5_1;
        private final BasicConv2d branch5x5_2;
        private final BasicConv2d branch3x3dbl_1;
        private final BasicConv2d branch3x3dbl_2;
        private final BasicConv2d branch3x3dbl_3;
        private final BasicConv2d branchPool;

        A(String name, int in, int poolFeatures) {
            branch1x1 = BasicConv2d.square(name + ".branch1x1", in, 64, 1, 1, 0);
            branch5x5_1 = BasicConv2d.square(name + ".branch5x5_1", in, 48, 1, 1, 0);
            branch5x5_2 = BasicConv2d.square(name + ".branch5x5_2", 48, 64, 5, 1, 2);
            branch3x3dbl_1 = BasicConv2d.square(name + ".branch3x3dbl_1", in, 64, 1, 1, 0);
            branch3x3dbl_2 = BasicConv2d.square(name + ".branch3x3dbl_2", 64, 96, 3, 1, 1);
            branch3x3dbl_3 = BasicConv2d.square(name + ".branch3x3dbl_3", 96, 96, 3, 1, 1);
            branchPool = BasicConv2d.square(name + ".branch_pool", in, poolFeatures, 1, 1, 0);
        }

        @Override
        public List<BasicConv2d> convs() {
            return List.of(branch1x1, branch5x5_1, branch5x5_2, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3, branchPool);
        }

        @Override
        public NDArray forward(NDArray x, ConvRunner conv) {
            NDArray b1x1 = conv.apply(branch1x1, x);
            NDArray b5x5 = conv.apply(branch5x5_2, conv.apply(branch5x5_1, x));
            NDArray b3x3dbl = conv.apply(branch3x3dbl_3, conv.apply(branch3x3dbl_2, conv.apply(branch3x3dbl_1, x)));
            NDArray pool = conv.apply(branchPool, averageExcludingPadding(x));
            return concat(b1x1, b5x5, b3x3dbl, pool);
        }
    }

    /** InceptionB (Mixed_6a), unpatched: 384 + 96 + in channels out, half the resolution. */
    final class B implements InceptionBlock {
        private final BasicConv2d branch3x3;
        private final BasicConv2d branch3x3dbl_1;
        private final BasicConv2d branch3x3dbl_2;
        private final BasicConv2d branch3x3dbl_3;

        B(String name, int in) {
            branch3x3 = BasicConv2d.square(name + ".branch3x3", in, 384, 3, 2, 0);
            branch3x3dbl_1 = BasicConv2d.square(name + ".branch3x3dbl_1", in, 64, 1, 1, 0);
            branch3x3dbl_2 = BasicConv2d.square(name + ".branch3x3dbl_2", 64, 96, 3, 1, 1);
            branch3x3dbl_3 = BasicConv2d.square(name + ".branch3x3dbl_3", 96, 96, 3, 2, 0);
        }

        @Override
        public List<BasicConv2d> convs() {
            return List.of(branch3x3, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3);
        }

        @Override
        public NDArray forward(NDArray x, ConvRunner conv) {
            NDArray b3x3 = conv.apply(branch3x3, x);
            NDArray b3x3dbl = conv.apply(branch3x3dbl_3, conv.apply(branch3x3dbl_2, conv.apply(branch3x3dbl_1, x)));
            return concat(b3x3, b3x3dbl, maxPool3x3Stride2(x));
        }
    }

    /** FIDInceptionC: factorised 7×7 convolutions, 4 × 192 = 768 channels out. */
    final class C implements InceptionBlock {
        private final BasicConv2d branch1x1;
        private final BasicConv2d branch7x7_1;
        private final BasicConv2d branch7x7_2;
        private final BasicConv2d branch7x7_3;
        private final BasicConv2d branch7x7dbl_1;
        private final BasicConv2d branch7x7dbl_2;
        private final BasicConv2d branch7x7dbl_3;
        private final BasicConv2d branch7x7dbl_4;
        private final BasicConv2d branch7x7dbl_5;
        private final BasicConv2d branchPool;

        C(String name, int in, int channels7x7) {
            int c7 = channels7x7;
            branch1x1 = BasicConv2d.square(name + ".branch1x1", in, 192, 1, 1, 0);
            branch7x7_1 = BasicConv2d.square(name + ".branch7x7_1", in, c7, 1, 1, 0);
            branch7x7_2 = oneBySeven(name + ".branch7x7_2", c7, c7);
            branch7x7_3 = sevenByOne(name + ".branch7x7_3", c7, 192);
            branch7x7dbl_1 = BasicConv2d.square(name + ".branch7x7dbl_1", in, c7, 1, 1, 0);
            branch7x7dbl_2 = sevenByOne(name + ".branch7x7dbl_2", c7, c7);
            branch7x7dbl_3 = oneBySeven(name + ".branch7x7dbl_3", c7, c7);
            branch7x7dbl_4 = sevenByOne(name + ".branch7x7dbl_4", c7, c7);
            branch7x7dbl_5 = oneBySeven(name + ".branch7x7dbl_5", c7, 192);
            branchPool = BasicConv2d.square(name + ".branch_pool", in, 192, 1, 1, 0);
        }

        @Override
        public List<BasicConv2d> convs() {
            return List.of(branch1x1, branch7x7_1, branch7x7_2, branch7x7_3, branch7x7dbl_1, branch7x7dbl_2,
                    branch7x7dbl_3, branch7x7dbl_4, branch7x7dbl_5, branchPool);
        }

        @Override
        public NDArray forward(NDArray x, ConvRunner conv) {
            NDArray b1x1 = conv.apply(branch1x1, x);
            NDArray b7x7 = conv.apply(branch7x7_3, conv.apply(branch7x7_2, conv.apply(branch7x7_1, x)));
            NDArray b7x7dbl = x;
            for (BasicConv2d c : List.of(branch7x7dbl_1, branch7x7dbl_2, branch7x7dbl_3, branch7x7dbl_4, branch7x7dbl_5)) {
                b7x7dbl = conv.apply(c, b7x7dbl);
            }
            NDArray pool = conv.apply(branchPool, averageExcludingPadding(x));
            return concat(b1x1, b7x7, b7x7dbl, pool);
        }
    }

    /** InceptionD (Mixed_7a), unpatched: 320 + 192 + in channels out, half the resolution. */
    final class D implements InceptionBlock {
        private final BasicConv2d branch3x3_1;
        private final BasicConv2d branch3x3_2;
        private final BasicConv2d branch7x7x3_1;
        private final BasicConv2d branch7x7x3_2;
        private final BasicConv2d branch7x7x3_3;
        private final BasicConv2d branch7x7x3_4;

        D(String name, int in) {
            branch3x3_1 = BasicConv2d.square(name + ".branch3x3_1", in, 192, 1, 1, 0);
            branch3x3_2 = BasicConv2d.square(name + ".branch3x3_2", 192, 320, 3, 2, 0);
            branch7x7x3_1 = BasicConv2d.square(name + ".branch7x7x3_1", in, 192, 1, 1, 0);
            branch7x7x3_2 = oneBySeven(name + ".branch7x7x3_2", 192, 192);
            branch7x7x3_3 = sevenByOne(name + ".branch7x7x3_3", 192, 192);
            branch7x7x3_4 = BasicConv2d.square(name + ".branch7x7x3_4", 192, 192, 3, 2, 0);
        }

        @Override
        public List<BasicConv2d> convs() {
            return List.of(branch3x3_1, branch3x3_2, branch7x7x3_1, branch7x7x3_2, branch7x7x3_3, branch7x7x3_4);
        }

        @Override
        public NDArray forward(NDArray x, ConvRunner conv) {
            NDArray b3x3 = conv.apply(branch3x3_2, conv.apply(branch3x3_1, x));
            NDArray b7x7x3 = x;
            for (BasicConv2d c : List.of(branch7x7x3_1, branch7x7x3_2, branch7x7x3_3, branch7x7x3_4)) {
                b7x7x3 = conv.apply(c, b7x7x3);
            }
            return concat(b3x3, b7x7x3, maxPool3x3Stride2(x));
        }
    }

    /**
     * FIDInceptionE_1 ({@code maxPoolBranch = false}, Mixed_7b) and FIDInceptionE_2 ({@code true},
     * Mixed_7c): 320 + 2·384 + 2·384 + 192 = 2048 channels out.
     */
    final class E implements InceptionBlock {
        private final boolean maxPoolBranch;
        private final BasicConv2d branch1x1;
        private final BasicConv2d branch3x3_1;
        private final BasicConv2d branch3x3_2a;
        private final BasicConv2d branch3x3_2b;
        private final BasicConv2d branch3x3dbl_1;
        private final BasicConv2d branch3x3dbl_2;
        private final BasicConv2d branch3x3dbl_3a;
        private final BasicConv2d branch3x3dbl_3b;
        private final BasicConv2d branchPool;

        E(String name, int in, boolean maxPoolBranch) {
            this.maxPoolBranch = maxPoolBranch;
            branch1x1 = BasicConv2d.square(name + ".branch1x1", in, 320, 1, 1, 0);
            branch3x3_1 = BasicConv2d.square(name + ".branch3x3_1", in, 384, 1, 1, 0);
            branch3x3_2a = new BasicConv2d(name + ".branch3x3_2a", 384, 384, 1, 3, 1, 0, 1);
            branch3x3_2b = new BasicConv2d(name + ".branch3x3_2b", 384, 384, 3, 1, 1, 1, 0);
            branch3x3dbl_1 = BasicConv2d.square(name + ".branch3x3dbl_1", in, 448, 1, 1, 0);
            branch3x3dbl_2 = BasicConv2d.square(name + ".branch3x3dbl_2", 448, 384, 3, 1, 1);
            branch3x3dbl_3a = new BasicConv2d(name + ".branch3x3dbl_3a", 384, 384, 1, 3, 1, 0, 1);
            branch3x3dbl_3b = new BasicConv2d(name + ".branch3x3dbl_3b", 384, 384, 3, 1, 1, 1, 0);
            branchPool = BasicConv2d.square(name + ".branch_pool", in, 192, 1, 1, 0);
        }

        @Override
        public List<BasicConv2d> convs() {
            return List.of(branch1x1, branch3x3_1, branch3x3_2a, branch3x3_2b, branch3x3dbl_1, branch3x3dbl_2,
                    branch3x3dbl_3a, branch3x3dbl_3b, branchPool);
        }

        @Override
        public NDArray forward(NDArray x, ConvRunner conv) {
            NDArray b1x1 = conv.apply(branch1x1, x);
            NDArray b3x3 = conv.apply(branch3x3_1, x);
            b3x3 = concat(conv.apply(branch3x3_2a, b3x3), conv.apply(branch3x3_2b, b3x3));
            NDArray b3x3dbl = conv.apply(branch3x3dbl_2, conv.apply(branch3x3dbl_1, x));
            b3x3dbl = concat(conv.apply(branch3x3dbl_3a, b3x3dbl), conv.apply(branch3x3dbl_3b, b3x3dbl));
            NDArray pooled = maxPoolBranch
                    ? Pool.maxPool2d(x, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false)
                    : averageExcludingPadding(x);
            return concat(b1x1, b3x3, b3x3dbl, conv.apply(branchPool, pooled));
        }
    }

    private static BasicConv2d oneBySeven(String name, int in, int out) {
        return new BasicConv2d(name, in, out, 1, 7, 1, 0, 3);
    }

    private static BasicConv2d sevenByOne(String name, int in, int out) {
        return new BasicConv2d(name, in, out, 7, 1, 1, 3, 0);
    }

    /** F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False): TensorFlow's average pool. */
    private static NDArray averageExcludingPadding(NDArray x) {
        return Pool.avgPool2d(x, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false, false);
    }

    /** F.max_pool2d(x, 3, stride=2), no padding, floor mode. */
    private static NDArray maxPool3x3Stride2(NDArray x) {
        return Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false);
    }

    private static NDArray concat(NDArray... branches) {
        return NDArrays.concat(new NDList(branches), 1);
    }
}
