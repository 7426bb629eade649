package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pad, upsample, FIR-filter and downsample a batch of images ({@code torch_utils/ops/upfirdn2d.py},
 * the {@code _upfirdn2d_ref} path). For each channel:
 * <ol>
 *   <li>upsample by inserting {@code up - 1} zeros after each pixel;</li>
 *   <li>pad with zeros ({@code padding = [x0, x1, y0, y1]}; negative values crop);</li>
 *   <li>convolve with the 2-D filter {@code f} (a true convolution: the filter is flipped), keeping
 *       only outputs whose footprint lies inside the padded image;</li>
 *   <li>keep every {@code down}-th pixel.</li>
 * </ol>
 * Input {@code [N, C, H, W]}, output {@code [N, C, (H*up + x0 + x1 - fh + 1) / down, ...]}. Pixels
 * outside the image are zero, so near the border a constant image is not preserved (as in the
 * reference).
 *
 * <p>Two forms: a 2-D filter tensor (the reference's definition, any filter), and the 1-D taps of a
 * separable filter {@code f = setup_filter(taps)} (what StyleGAN2 uses). For images up to
 * {@value #MATRIX_MAX_SIZE} pixels across (after upsampling) the separable form does the same per
 * axis as one matrix, {@code y = A_y x A_x^T}, each row of {@code A} holding the flipped taps at the
 * input pixels one output pixel sees after zero-insertion and padding: on CPU two batched matrix
 * products and their backward are about 10x faster than PyTorch's depthwise convolution. The dense
 * matrices grow with the square of the size, so larger images take the convolution.
 */
public final class Upfirdn2d {
    /** The default low-pass filter of StyleGAN2 ({@code resample_filter=[1,3,3,1]}). */
    public static final float[] DEFAULT_TAPS = {1, 3, 3, 1};

    /** Largest (upsampled) side filtered by matrix products; above it, by convolution. */
    public static final int MATRIX_MAX_SIZE = 128;

    private static final Map<String, float[]> AXIS_MATRICES = new ConcurrentHashMap<>();

    private Upfirdn2d() {
    }

    /**
     * {@code setup_filter(taps)}: fewer than 8 taps give the non-separable outer product, normalised
     * to sum to 1, returned row-major {@code [n, n]}.
     */
    public static float[] setupFilter(float[] taps) {
        int n = taps.length;
        float[] f = new float[n * n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[i * n + j] = taps[i] * taps[j];
                sum += f[i * n + j];
            }
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (f[i] / sum);
        }
        return f;
    }

    /**
     * @param x       {@code [N, C, H, W]}
     * @param f       {@code [fh, fw]} filter from {@link #setupFilter}, or {@code null} for identity
     * @param padding {@code [x0, x1, y0, y1]} with respect to the upsampled image
     * @param gain    overall scaling of the signal magnitude
     */
    public static NDArray upfirdn2d(NDArray x, NDArray f, int up, int down, int[] padding, double gain) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);

        // Upsample by inserting zeros after each pixel.
        if (up > 1) {
            x = x.reshape(n, c, h, 1, w, 1)
                    .pad(new Shape(0, up - 1, 0, 0, 0, up - 1), 0)
                    .reshape(n, c, h * up, w * up);
        }

        // Pad or crop (PyTorch's constant pad crops on negative values).
        if (padding[0] != 0 || padding[1] != 0 || padding[2] != 0 || padding[3] != 0) {
            x = x.pad(new Shape(padding[0], padding[1], padding[2], padding[3]), 0);
        }

        if (f == null) {
            x = gain == 1 ? x : StepArrays.mul(x, gain);
            return down > 1 ? x.get(":, :, ::{}, ::{}", down, down) : x;
        }

        // Convolve with the flipped filter (correlation with it would be conv2d as is), every channel
        // on its own, and downsample through the stride: conv then [::down] gives the same pixels.
        Shape fs = f.getShape();
        NDArray kernel = StepArrays.scaled(x, f, gain).flip(0, 1).reshape(1, 1, fs.get(0), fs.get(1));
        Shape p = x.getShape();
        NDArray y = Conv2d.conv2d(x.reshape(n * c, 1, p.get(2), p.get(3)), kernel, null,
                new Shape(down, down), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
        return y.reshape(n, c, y.getShape().get(2), y.getShape().get(3));
    }

    /**
     * {@code upfirdn2d} with the separable filter {@code setup_filter(taps)}: the same result as the
     * tensor form, computed as {@code A_y x A_x^T}.
     *
     * @param taps    1-D taps, e.g. {@link #DEFAULT_TAPS} (normalised here, as setup_filter does)
     * @param padding {@code [x0, x1, y0, y1]} with respect to the upsampled image
     * @param gain    overall scaling of the signal magnitude ({@code sqrt(gain)} per axis)
     */
    public static NDArray upfirdn2d(NDArray x, float[] taps, int up, int down, int[] padding, double gain) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (Math.max(h, w) * up > MATRIX_MAX_SIZE) {
            NDArray f = x.getManager().create(setupFilter(taps), new Shape(taps.length, taps.length));
            return upfirdn2d(x, f.getDataType() == x.getDataType() ? f : f.toType(x.getDataType(), false), up, down, padding, gain);
        }
        double axisGain = Math.sqrt(gain);
        NDArray ay = axisMatrix(x, h, taps, up, down, padding[2], padding[3], axisGain);
        NDArray axT = axisMatrix(x, w, taps, up, down, padding[0], padding[1], axisGain).transpose();
        return ay.matMul(x).matMul(axT);
    }

    /** {@link #upsample2d(NDArray, NDArray)} with the separable filter of {@code taps}. */
    public static NDArray upsample2d(NDArray x, float[] taps) {
        int n = taps.length;
        int[] p = {Math.floorDiv(n + 1, 2), Math.floorDiv(n - 2, 2), Math.floorDiv(n + 1, 2), Math.floorDiv(n - 2, 2)};
        return upfirdn2d(x, taps, 2, 1, p, 4);
    }

    /** {@link #downsample2d(NDArray, NDArray)} with the separable filter of {@code taps}. */
    public static NDArray downsample2d(NDArray x, float[] taps) {
        int n = taps.length;
        int[] p = {Math.floorDiv(n - 1, 2), Math.floorDiv(n - 2, 2), Math.floorDiv(n - 1, 2), Math.floorDiv(n - 2, 2)};
        return upfirdn2d(x, taps, 1, 2, p, 1);
    }

    /**
     * {@code A [out, size]} for one axis: output pixel {@code o} sees padded pixels {@code o * down + k}
     * with weight {@code t[K-1-k]} (convolution), and input pixel {@code i} sits at padded {@code i * up + pad0}.
     */
    static NDArray axisMatrix(NDArray like, int size, float[] taps, int up, int down, int pad0, int pad1, double gain) {
        String key = size + "/" + up + "/" + down + "/" + pad0 + "/" + pad1 + "/" + gain + "/" + Arrays.toString(taps);
        int k = taps.length;
        int out = Math.floorDiv(size * up + pad0 + pad1 - k, down) + 1;
        float[] a = AXIS_MATRICES.computeIfAbsent(key, unused -> {
            double sum = 0;
            for (float t : taps) {
                sum += t;
            }
            float[] m = new float[out * size];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < size; i++) {
                    int tap = i * up + pad0 - o * down;
                    if (tap >= 0 && tap < k) {
                        m[o * size + i] = (float) (taps[k - 1 - tap] / sum * gain);
                    }
                }
            }
            return m;
        });
        NDArray matrix = like.getManager().create(a, new Shape(out, size));
        return matrix.getDataType() == like.getDataType() ? matrix : matrix.toType(like.getDataType(), false);
    }

    /**
     * Checks that a {@code resample_filter} tensor (e.g. from a checkpoint) is {@code setup_filter(taps)},
     * the separable filter the fast path computes with.
     */
    public static void requireSeparableFilter(NDArray filter, float[] taps, String name) {
        float[] expected = setupFilter(taps);
        float[] actual = filter.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > 1e-6f) {
                throw new IllegalArgumentException(name + " is not setup_filter(" + Arrays.toString(taps)
                        + "); only that filter is supported");
            }
        }
    }

    /**
     * {@code upsample2d}: zero-insertion by 2, padding {@code [(fw+1)/2, (fw-2)/2]}, filter, gain 4,
     * so the output is exactly twice as large and a constant image keeps its value inside.
     */
    public static NDArray upsample2d(NDArray x, NDArray f) {
        int fw = (int) f.getShape().get(1);
        int fh = (int) f.getShape().get(0);
        int[] p = {Math.floorDiv(fw + 1, 2), Math.floorDiv(fw - 2, 2), Math.floorDiv(fh + 1, 2), Math.floorDiv(fh - 2, 2)};
        return upfirdn2d(x, f, 2, 1, p, 4);
    }

    /** {@code downsample2d}: filter with padding {@code [(fw-1)/2, (fw-2)/2]}, keep every second pixel, gain 1. */
    public static NDArray downsample2d(NDArray x, NDArray f) {
        int fw = (int) f.getShape().get(1);
        int fh = (int) f.getShape().get(0);
        int[] p = {Math.floorDiv(fw - 1, 2), Math.floorDiv(fw - 2, 2), Math.floorDiv(fh - 1, 2), Math.floorDiv(fh - 2, 2)};
        return upfirdn2d(x, f, 1, 2, p, 1);
    }
}
