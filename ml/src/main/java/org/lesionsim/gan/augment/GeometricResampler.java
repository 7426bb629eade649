package org.lesionsim.gan.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executes one general geometric transform per image, as the "Execute geometric transformations"
 * block of {@code training/augment.py}: reflection-pad by the margin the batch's transforms need,
 * upsample 2x with the orthogonal {@code sym6} wavelet low-pass, sample bilinearly at the
 * transformed points ({@code affine_grid} + {@code grid_sample}, zeros outside, align_corners
 * False), downsample 2x with the same filter flipped and crop back to {@code [H, W]}. The matrix
 * algebra (margin, origin shift, 2x and [-1, 1] conjugations) is the reference's, line by line.
 *
 * <p>Differences from the reference: the padding and both FIR passes are done per axis as dense
 * matrices ({@code y = A_y x A_x^T}; reflection folded into the upsampling matrix), which is the
 * same linear map computed in another order; sampling is {@link BilinearGridSample}, equal to
 * {@code grid_sample} (to float rounding) but twice differentiable.
 *
 * <p>In: images {@code [N, C, H, W]}, one inverse matrix {@code G_inv} per image mapping output
 * pixels to input pixels, both in pixel units about the image centre. Out: {@code [N, C, H, W]}.
 */
final class GeometricResampler {
    /** Low-pass of the sym6 wavelet ({@code wavelets['sym6']}), normalised to sum 1 as {@code setup_filter} does. */
    static final double[] SYM6 = normalise(new double[] {
        0.015404109327027373, 0.0034907120842174702, -0.11799011114819057, -0.048311742585633,
        0.4910559419267466, 0.787641141030194, 0.3379294217276218, -0.07263752278646252,
        -0.021060292512300564, 0.04472490177066578, 0.0017677118642428036, -0.007800708325034148});

    /** {@code Hz_pad = Hz_geom.shape[0] // 4}. */
    static final int HZ_PAD = SYM6.length / 4;

    private static final Map<String, float[]> AXIS_MATRICES = new ConcurrentHashMap<>();

    private GeometricResampler() {
    }

    static NDArray apply(NDArray images, double[][][] gInv) {
        Shape s = images.getShape();
        int batch = (int) s.get(0);
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        int[] margin = margin(gInv, width, height);
        int mx0 = margin[0];
        int my0 = margin[1];
        int mx1 = margin[2];
        int my1 = margin[3];

        // Pad (reflect) and upsample, per axis: x_up = U_y x U_x^T.
        NDArray uy = axisMatrix(images, "up", height, my0, my1);
        NDArray ux = axisMatrix(images, "up", width, mx0, mx1);
        NDArray upsampled = uy.matMul(images).matMul(ux.transpose());
        int upHeight = 2 * (height + my0 + my1);
        int upWidth = 2 * (width + mx0 + mx1);

        // Sample at G_inv, adjusted to the padded origin, the 2x grid and [-1, 1] coordinates.
        int outHeight = (height + HZ_PAD * 2) * 2;
        int outWidth = (width + HZ_PAD * 2) * 2;
        double[][][] theta = new double[batch][][];
        for (int n = 0; n < batch; n++) {
            double[][] g = GeometryMatrices.multiply(GeometryMatrices.translate((mx0 - mx1) / 2.0, (my0 - my1) / 2.0), gInv[n]);
            g = GeometryMatrices.multiply(GeometryMatrices.scale(2, 2), g, GeometryMatrices.scaleInv(2, 2));
            g = GeometryMatrices.multiply(GeometryMatrices.translate(-0.5, -0.5), g, GeometryMatrices.translateInv(-0.5, -0.5));
            g = GeometryMatrices.multiply(GeometryMatrices.scale(2.0 / upWidth, 2.0 / upHeight), g,
                    GeometryMatrices.scaleInv(2.0 / outWidth, 2.0 / outHeight));
            theta[n] = g;
        }
        NDArray sampled = BilinearGridSample.sample(upsampled, theta, outHeight, outWidth);

        // Downsample and crop: y = D_y x D_x^T.
        NDArray dy = axisMatrix(images, "down", height, 0, 0);
        NDArray dx = axisMatrix(images, "down", width, 0, 0);
        return dy.matMul(sampled).matMul(dx.transpose());
    }

    /**
     * The reference's padding {@code [mx0, my0, mx1, my1]}: how far the four image corners, mapped
     * by any image's {@code G_inv}, reach outside the image, plus twice the filter's half-support,
     * within {@code [0, size - 1]} (so a single reflection covers it).
     */
    static int[] margin(double[][][] gInv, int width, int height) {
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        double[][] corners = {{-cx, -cy}, {cx, -cy}, {cx, cy}, {-cx, cy}};
        double[] m = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[][] g : gInv) {
            for (double[] c : corners) {
                double x = g[0][0] * c[0] + g[0][1] * c[1] + g[0][2];
                double y = g[1][0] * c[0] + g[1][1] * c[1] + g[1][2];
                m[0] = Math.max(m[0], -x);
                m[1] = Math.max(m[1], -y);
                m[2] = Math.max(m[2], x);
                m[3] = Math.max(m[3], y);
            }
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            boolean isX = i % 2 == 0;
            double v = m[i] + HZ_PAD * 2 - (isX ? cx : cy);
            v = Math.min(Math.max(v, 0), (isX ? width : height) - 1);
            out[i] = (int) Math.ceil(v);
        }
        return out;
    }

    /** The cached per-axis matrix of {@link #upMatrix} or {@link #downMatrix}, in the images' data type. */
    private static NDArray axisMatrix(NDArray like, String kind, int size, int pad0, int pad1) {
        float[] a = AXIS_MATRICES.computeIfAbsent(kind + "/" + size + "/" + pad0 + "/" + pad1,
                unused -> toFloat(kind.equals("up") ? upMatrix(size, pad0, pad1) : downMatrix(size)));
        Shape shape = kind.equals("up") ? new Shape(2L * (size + pad0 + pad1), size) : new Shape(size, 2L * (size + HZ_PAD * 2));
        NDArray matrix = like.getManager().create(a, shape);
        return matrix.getDataType() == like.getDataType() ? matrix : matrix.toType(like.getDataType(), false);
    }

    /**
     * {@code pad(mode='reflect')} by {@code [pad0, pad1]} then {@code upsample2d(f=sym6, up=2)} along
     * one axis: {@code [2 * (size + pad0 + pad1), size]}.
     */
    static double[][] upMatrix(int size, int pad0, int pad1) {
        int padded = size + pad0 + pad1;
        int k = SYM6.length;
        // upsample2d: zero-insertion, padding [(k + 1) / 2, (k - 2) / 2], true convolution, gain 2 per axis
        double[][] up = fir(padded, 2, 1, (k + 1) / 2, (k - 2) / 2, reversed(SYM6), 2);
        double[][] a = new double[up.length][size];
        for (int o = 0; o < up.length; o++) {
            for (int j = 0; j < padded; j++) {
                a[o][reflect(j - pad0, size)] += up[o][j];
            }
        }
        return a;
    }

    /**
     * {@code downsample2d(f=sym6, down=2, padding=-2 * Hz_pad, flip_filter=True)} along one axis of
     * the sampled image: {@code [size, 2 * (size + 2 * Hz_pad)]}.
     */
    static double[][] downMatrix(int size) {
        int k = SYM6.length;
        int p = -HZ_PAD * 2;
        return fir(2 * (size + HZ_PAD * 2), 1, 2, p + (k - 1) / 2, p + (k - 2) / 2, SYM6, 1);
    }

    /**
     * {@code upfirdn2d} along one axis as a matrix {@code [out, size]}: input pixel {@code i} sits at
     * padded position {@code i * up + pad0}; output {@code o} correlates the padded signal from
     * position {@code o * down} with {@code taps * gain}.
     */
    static double[][] fir(int size, int up, int down, int pad0, int pad1, double[] taps, double gain) {
        int k = taps.length;
        int out = Math.floorDiv(size * up + pad0 + pad1 - k, down) + 1;
        double[][] a = new double[out][size];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < size; i++) {
                int tap = i * up + pad0 - o * down;
                if (tap >= 0 && tap < k) {
                    a[o][i] = taps[tap] * gain;
                }
            }
        }
        return a;
    }

    /** PyTorch's 'reflect' index (edge not repeated); valid for offsets up to {@code size - 1} outside. */
    static int reflect(int i, int size) {
        if (i < 0) {
            return -i;
        }
        return i >= size ? 2 * (size - 1) - i : i;
    }

    private static double[] normalise(double[] taps) {
        double sum = 0;
        for (double t : taps) {
            sum += t;
        }
        double[] out = new double[taps.length];
        for (int i = 0; i < taps.length; i++) {
            out[i] = taps[i] / sum;
        }
        return out;
    }

    private static double[] reversed(double[] taps) {
        double[] out = new double[taps.length];
        for (int i = 0; i < taps.length; i++) {
            out[i] = taps[taps.length - 1 - i];
        }
        return out;
    }

    private static float[] toFloat(double[][] a) {
        int cols = a[0].length;
        float[] out = new float[a.length * cols];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) a[i][j];
            }
        }
        return out;
    }
}
