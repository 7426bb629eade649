package org.lesionsim.metrics.fid;

import org.lesionsim.metrics.PlanarImage;

/**
 * How images reach Inception's 299×299 input. In: an RGB {@link PlanarImage} in [0, 1]. Out: its
 * channel-major [3, size, size] values, still in [0, 1].
 * <ul>
 *   <li>{@link #CLEAN_BICUBIC} (the default): clean-fid's "clean" resize (Parmar et al. 2022), PIL's
 *       {@code Image.resize(BICUBIC)} on float channels ({@code mode='F'}): Keys cubic with a = −0.5,
 *       its support widened by the scale factor when shrinking (antialiased), weights normalised per
 *       output pixel; then clipped to [0, 1]. Without the antialiasing, downscaling aliases and FID
 *       depends on the resize library more than on the images.
 *   <li>{@link #PYTORCH_FID_BILINEAR}: what pytorch-fid does, {@code F.interpolate(mode='bilinear',
 *       align_corners=False)} with no antialiasing; for comparing with numbers reported that way.
 * </ul>
 * Both are separable: rows first, then columns.
 */
public enum FidResize {
    CLEAN_BICUBIC,
    PYTORCH_FID_BILINEAR;

    /** Keys' cubic convolution parameter as PIL uses it. */
    private static final double BICUBIC_A = -0.5;

    public float[] resize(PlanarImage image, int size) {
        int h = image.height();
        int w = image.width();
        float[] out = new float[image.channels() * size * size];
        Taps horizontal = taps(w, size);
        Taps vertical = taps(h, size);
        float[] rows = new float[h * size];
        for (int c = 0; c < image.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < size; x++) {
                    double sum = 0;
                    for (int k = 0; k < horizontal.count[x]; k++) {
                        sum += horizontal.weights[x][k] * image.values()[plane + y * w + horizontal.first[x] + k];
                    }
                    rows[y * size + x] = (float) sum;
                }
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double sum = 0;
                    for (int k = 0; k < vertical.count[y]; k++) {
                        sum += vertical.weights[y][k] * rows[(vertical.first[y] + k) * size + x];
                    }
                    float v = (float) sum;
                    out[(c * size + y) * size + x] = this == CLEAN_BICUBIC ? Math.min(1f, Math.max(0f, v)) : v;
                }
            }
        }
        return out;
    }

    /** For each output index: the first input index it reads, how many, and their weights. */
    private record Taps(int[] first, int[] count, double[][] weights) {
    }

    private Taps taps(int in, int out) {
        return this == CLEAN_BICUBIC ? bicubicTaps(in, out) : bilinearTaps(in, out);
    }

    /** PIL's precompute_coeffs for the bicubic filter (support 2). */
    private static Taps bicubicTaps(int in, int out) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        int[] first = new int[out];
        int[] count = new int[out];
        double[][] weights = new double[out][];
        for (int i = 0; i < out; i++) {
            double centre = (i + 0.5) * scale;
            int xmin = Math.max(0, (int) (centre - support + 0.5));
            int xmax = Math.min(in, (int) (centre + support + 0.5));
            double[] k = new double[xmax - xmin];
            double total = 0;
            for (int x = 0; x < k.length; x++) {
                k[x] = keysCubic((x + xmin - centre + 0.5) / filterScale);
                total += k[x];
            }
            for (int x = 0; x < k.length; x++) {
                k[x] = total == 0 ? 0 : k[x] / total;
            }
            first[i] = xmin;
            count[i] = k.length;
            weights[i] = k;
        }
        return new Taps(first, count, weights);
    }

    private static double keysCubic(double x) {
        double a = BICUBIC_A;
        x = Math.abs(x);
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0;
    }

    /** torch's bilinear, align_corners=False: source = (i + ½)·scale − ½, clamped at 0; two taps. */
    private static Taps bilinearTaps(int in, int out) {
        double scale = (double) in / out;
        int[] first = new int[out];
        int[] count = new int[out];
        double[][] weights = new double[out][];
        for (int i = 0; i < out; i++) {
            double source = Math.max(0.0, (i + 0.5) * scale - 0.5);
            int i0 = Math.min((int) source, in - 1);
            double lambda = source - i0;
            first[i] = i0;
            if (i0 + 1 < in) {
                count[i] = 2;
                weights[i] = new double[] {1 - lambda, lambda};
            } else {
                count[i] = 1;
                weights[i] = new double[] {1};
            }
        }
        return new Taps(first, count, weights);
    }
}
