package org.lesionsim.gan.augment;

/**
 * 3x3 homogeneous 2-D matrices acting on pixel coordinates (x, y, 1) measured from the image
 * centre, as {@code translate2d}, {@code scale2d}, {@code rotate2d} and their {@code _inv} forms in
 * {@code training/augment.py}. The pipe composes inverses: {@code G_inv @ pixel_out ==> pixel_in}.
 */
final class GeometryMatrices {
    private GeometryMatrices() {
    }

    static double[][] identity() {
        return scale(1, 1);
    }

    static double[][] translate(double tx, double ty) {
        return new double[][] {{1, 0, tx}, {0, 1, ty}, {0, 0, 1}};
    }

    static double[][] scale(double sx, double sy) {
        return new double[][] {{sx, 0, 0}, {0, sy, 0}, {0, 0, 1}};
    }

    /** Counter-clockwise by {@code theta} in a y-up frame; with y pointing down, as images, it turns clockwise. */
    static double[][] rotate(double theta) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        return new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
    }

    static double[][] translateInv(double tx, double ty) {
        return translate(-tx, -ty);
    }

    static double[][] scaleInv(double sx, double sy) {
        return scale(1 / sx, 1 / sy);
    }

    static double[][] rotateInv(double theta) {
        return rotate(-theta);
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return out;
    }

    /** {@code a @ b @ c}. */
    static double[][] multiply(double[][] a, double[][] b, double[][] c) {
        return multiply(multiply(a, b), c);
    }

    static boolean isIdentity(double[][] m) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (m[i][j] != (i == j ? 1 : 0)) {
                    return false;
                }
            }
        }
        return true;
    }
}
