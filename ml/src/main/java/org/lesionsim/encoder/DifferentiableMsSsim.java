package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.metrics.MsSsim;

/**
 * MS-SSIM on NDArrays, differentiable, for the encoder's perceptual loss when no LPIPS weights are
 * configured. Same definition as {@link MsSsim} (pytorch_msssim): images mapped from [-1, 1] to
 * [0, 1] (L = 1), per channel Gaussian-window statistics at valid positions, {@code cs} at every
 * scale but the last, full SSIM at the last, 2x2 average pooling between scales,
 * {@code prod relu(cs_j)^w_j * relu(ssim_M)^w_M}, mean over channels.
 *
 * <p>Scales: the standard 5 scales with an 11-tap window need a side above 160 px. At the sizes
 * trained here {@link #forSide} keeps the first standard scales that fit, weights renormalised
 * (64 px: 3 scales, 32 px: 2), exactly as {@link MsSsim#forSmallerSide}; a smaller window can be
 * chosen with the explicit constructor. One difference from the plain metric, for the gradient's
 * sake: the base of each power is clamped at 1e-6 instead of 0 ({@code d x^w / dx} is infinite at 0).
 * In: two {@code [N, 3, H, W]} batches in [-1, 1]. Out: MS-SSIM per image {@code [N]}.
 */
public final class DifferentiableMsSsim {
    static final double K1 = 0.01;
    static final double K2 = 0.03;
    static final double POWER_FLOOR = 1e-6;

    private final double[] weights;
    private final int windowSize;
    private final double sigma;

    public DifferentiableMsSsim(double[] weights, int windowSize, double sigma) {
        if (weights.length < 1 || windowSize < 1 || windowSize % 2 == 0) {
            throw new IllegalArgumentException("need >= 1 scale and an odd window, got " + weights.length + ", " + windowSize);
        }
        this.weights = weights.clone();
        this.windowSize = windowSize;
        this.sigma = sigma;
    }

    /** The scales {@link MsSsim#forSmallerSide} picks for this side, 11-tap window, sigma 1.5. */
    public static DifferentiableMsSsim forSide(int side) {
        return new DifferentiableMsSsim(MsSsim.forSmallerSide(side).weights(), 11, 1.5);
    }

    public double[] weights() {
        return weights.clone();
    }

    public int windowSize() {
        return windowSize;
    }

    /** A short description recorded in checkpoints, e.g. {@code ms-ssim(scales=3, window=11)}. */
    public String describe() {
        return "ms-ssim(scales=" + weights.length + ", window=" + windowSize + ", sigma=" + sigma + ", weights="
                + Arrays.toString(weights) + ")";
    }

    /** MS-SSIM per image {@code [N]}. */
    public NDArray compute(NDArray x, NDArray y) {
        if (!x.getShape().equals(y.getShape()) || x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("MS-SSIM needs two [N, C, H, W] batches of one shape, got "
                    + x.getShape() + " and " + y.getShape());
        }
        long side = Math.min(x.getShape().get(2), x.getShape().get(3));
        long needed = (long) (windowSize - 1) * (1L << (weights.length - 1));
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
        double c1 = K1 * K1;
        double c2 = K2 * K2;
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

    /** {@code avg_pool2d(kernel 2, stride 2, padding = side % 2)}, padded zeros counted. */
    private static NDArray pool(NDArray x) {
        int padH = Math.toIntExact(x.getShape().get(2) % 2);
        int padW = Math.toIntExact(x.getShape().get(3) % 2);
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(padH, padW), false, true);
    }

    /** The normalised 2-D Gaussian window {@code [C, 1, k, k]} (outer product of the 1-D one). */
    private NDArray window(NDArray like, int channels) {
        double[] g = new double[windowSize];
        double sum = 0;
        for (int i = 0; i < windowSize; i++) {
            double d = i - windowSize / 2;
            g[i] = Math.exp(-(d * d) / (2 * sigma * sigma));
            sum += g[i];
        }
        float[] k = new float[channels * windowSize * windowSize];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < windowSize; i++) {
                for (int j = 0; j < windowSize; j++) {
                    k[(c * windowSize + i) * windowSize + j] = (float) (g[i] / sum * g[j] / sum);
                }
            }
        }
        NDArray kernel = like.getManager().create(k, new Shape(channels, 1, windowSize, windowSize));
        return kernel.toType(like.getDataType(), false);
    }
}
