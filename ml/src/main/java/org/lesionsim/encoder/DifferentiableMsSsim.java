package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.metrics.MsSsim;
import org.lesionsim.metrics.Ssim;

/**
 * MS-SSIM on NDArrays, differentiable, for the encoder's perceptual loss when no LPIPS weights are
 * configured: the graph form of the metric {@link MsSsim} it is built from, which defines it (Wang,
 * Simoncelli &amp; Bovik 2003, as pytorch_msssim): the window, C1 and C2 of its {@link Ssim}, its
 * per-scale weights, its 2×2 pooling ({@link MsSsim#poolPadding}) and its check on the side are
 * taken from there, none restated here. Images mapped from [-1, 1] to [0, 1] (L = 1), per channel
 * Gaussian-window statistics at valid positions, {@code cs} at every scale but the last, full SSIM
 * at the last, {@code prod relu(cs_j)^w_j * relu(ssim_M)^w_M}, mean over channels.
 *
 * <p>Why a second code path and not the metric on NDArrays: in float64 (which the metric's numbers
 * need) the engine's per-op cost and slow CPU convolutions made the metric 1.5–3× slower than the
 * plain-Java one at 64²–128² even batched (docs/DESIGN.md §4). One difference from the metric, for
 * the gradient's sake: the base of each power is clamped at 1e-6 instead of 0 ({@code d x^w / dx}
 * is infinite at 0). In: two {@code [N, 3, H, W]} batches in [-1, 1]. Out: MS-SSIM per image {@code [N]}.
 */
public final class DifferentiableMsSsim {
    static final double POWER_FLOOR = 1e-6;

    private final MsSsim definition;
    private final double[] weights;
    private final int windowSize;

    /** The graph form of {@code definition}. */
    public DifferentiableMsSsim(MsSsim definition) {
        this.definition = definition;
        this.weights = definition.weights();
        this.windowSize = definition.ssim().windowSize();
    }

    /** The scales {@link MsSsim#forSmallerSide} picks for this side, 11-tap window, sigma 1.5. */
    public static DifferentiableMsSsim forSide(int side) {
        return new DifferentiableMsSsim(MsSsim.forSmallerSide(side));
    }

    public double[] weights() {
        return weights.clone();
    }

    public int windowSize() {
        return windowSize;
    }

    /** A short description recorded in checkpoints, e.g. {@code ms-ssim(scales=3, window=11)}. */
    public String describe() {
        return "ms-ssim(scales=" + weights.length + ", window=" + windowSize + ", sigma=" + definition.ssim().windowSigma()
                + ", weights=" + Arrays.toString(weights) + ")";
    }

    /** MS-SSIM per image {@code [N]}. */
    public NDArray compute(NDArray x, NDArray y) {
        if (!x.getShape().equals(y.getShape()) || x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("MS-SSIM needs two [N, C, H, W] batches of one shape, got "
                    + x.getShape() + " and " + y.getShape());
        }
        long side = Math.min(x.getShape().get(2), x.getShape().get(3));
        long needed = definition.smallestSide() - 1;
        if (side <= needed) {
            throw new IllegalArgumentException("MS-SSIM with " + weights.length + " scales and a " + windowSize
                    + "-tap window needs a side > " + needed + " px, got " + side);
        }
        int channels = Math.toIntExact(x.getShape().get(1));
        NDArray kernel = window(x, channels);
        NDArray a = StepArrays.mul(StepArrays.add(x, 1.0), 0.5);
        NDArray b = StepArrays.mul(StepArrays.add(y, 1.0), 0.5);
        NDArray product = null;
        for (int scale = 0; scale < weights.length; scale++) {
            boolean last = scale == weights.length - 1;
            NDArray term = components(a, b, kernel, channels, last); // [N, C]
            NDArray powered = term.clip(POWER_FLOOR, Float.MAX_VALUE).pow(StepArrays.scalar(term, weights[scale]));
            product = product == null ? powered : product.mul(powered);
            if (!last) {
                a = pool(a);
                b = pool(b);
            }
        }
        return StepArrays.mul(product.sum(new int[] {1}), 1.0 / channels);
    }

    /** Mean over positions of {@code cs} (or of SSIM at the last scale), per image and channel. */
    private NDArray components(NDArray a, NDArray b, NDArray kernel, int channels, boolean fullSsim) {
        NDArray muX = filter(a, kernel, channels);
        NDArray muY = filter(b, kernel, channels);
        NDArray muXX = muX.square();
        NDArray muYY = muY.square();
        NDArray muXY = muX.mul(muY);
        NDArray varX = filter(a.square(), kernel, channels).sub(muXX);
        NDArray varY = filter(b.square(), kernel, channels).sub(muYY);
        NDArray cov = filter(a.mul(b), kernel, channels).sub(muXY);
        double c1 = definition.ssim().c1();
        double c2 = definition.ssim().c2();
        NDArray cs = StepArrays.add(StepArrays.mul(cov, 2), c2).div(StepArrays.add(varX.add(varY), c2));
        NDArray map = cs;
        if (fullSsim) {
            NDArray luminance = StepArrays.add(StepArrays.mul(muXY, 2), c1).div(StepArrays.add(muXX.add(muYY), c1));
            map = luminance.mul(cs);
        }
        long positions = map.getShape().get(2) * map.getShape().get(3);
        return StepArrays.mul(map.sum(new int[] {2, 3}), 1.0 / positions);
    }

    /** Depthwise Gaussian filtering at valid positions. */
    private static NDArray filter(NDArray x, NDArray kernel, int channels) {
        return Conv2d.conv2d(x, kernel, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), channels)
                .singletonOrThrow();
    }

    /** {@code avg_pool2d(kernel 2, stride 2, padding = side % 2)}, padded zeros counted, as the metric pools. */
    private static NDArray pool(NDArray x) {
        int padH = MsSsim.poolPadding(Math.toIntExact(x.getShape().get(2)));
        int padW = MsSsim.poolPadding(Math.toIntExact(x.getShape().get(3)));
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(padH, padW), false, true);
    }

    /** The metric's 2-D window {@code [C, 1, k, k]}, one copy per channel, in {@code like}'s type. */
    private NDArray window(NDArray like, int channels) {
        double[] w2 = definition.ssim().window2d();
        float[] k = new float[channels * w2.length];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < w2.length; i++) {
                k[c * w2.length + i] = (float) w2[i];
            }
        }
        NDArray kernel = like.getManager().create(k, new Shape(channels, 1, windowSize, windowSize));
        return kernel.toType(like.getDataType(), false);
    }
}
