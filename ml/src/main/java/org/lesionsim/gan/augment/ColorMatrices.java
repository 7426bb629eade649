package org.lesionsim.gan.augment;

/**
 * 4x4 homogeneous colour matrices acting on (r, g, b, 1), as {@code translate3d}, {@code scale3d},
 * {@code rotate3d} and the luma-axis constructions of {@code training/augment.py}.
 */
final class ColorMatrices {
    private ColorMatrices() {
    }

    static double[][] translate(double tx, double ty, double tz) {
        return new double[][] {{1, 0, 0, tx}, {0, 1, 0, ty}, {0, 0, 1, tz}, {0, 0, 0, 1}};
    }

    static double[][] scale(double sx, double sy, double sz) {
        return new double[][] {{sx, 0, 0, 0}, {0, sy, 0, 0}, {0, 0, sz, 0}, {0, 0, 0, 1}};
    }

    /** {@code I - 2 v v^T}: reflection through the plane orthogonal to unit {@code v} (luma flip). */
    static double[][] householder(double[] v) {
        double[][] m = scale(1, 1, 1);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] -= 2 * v[i] * v[j];
            }
        }
        return m;
    }

    /** {@code v v^T + (I - v v^T) s}: keeps the component along {@code v}, scales the rest (saturation). */
    static double[][] saturate(double[] v, double s) {
        double[][] m = scale(1, 1, 1);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double outer = v[i] * v[j];
                m[i][j] = outer + ((i == j ? 1 : 0) - outer) * s;
            }
        }
        return m;
    }

    /** Rotation by {@code theta} about unit axis {@code v} (Rodrigues, {@code rotate3d}). */
    static double[][] rotate(double[] v, double theta) {
        double s = Math.sin(theta);
        double c = Math.cos(theta);
        double cc = 1 - c;
        double x = v[0];
        double y = v[1];
        double z = v[2];
        return new double[][] {
            {x * x * cc + c, x * y * cc - z * s, x * z * cc + y * s, 0},
            {y * x * cc + z * s, y * y * cc + c, y * z * cc - x * s, 0},
            {z * x * cc - y * s, z * y * cc + x * s, z * z * cc + c, 0},
            {0, 0, 0, 1},
        };
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += a[i][k] * b[k][j];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }
}
