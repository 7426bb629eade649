package org.lesionsim.linalg;

/**
 * Cholesky factorisation {@code A = L Lᵀ} of a symmetric positive-definite matrix and the solve
 * {@code A x = b} by forward and back substitution. In: an n×n SPD matrix (lower triangle read).
 * Fails with {@link ArithmeticException} when a pivot is not positive (A is not positive definite).
 */
public final class Cholesky {
    private final double[][] lower;

    private Cholesky(double[][] lower) {
        this.lower = lower;
    }

    public static Cholesky of(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a[i].length + " columns, expected " + n);
            }
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(s > 0.0)) {
                        throw new ArithmeticException("matrix is not positive definite (pivot " + i + " is " + s + ")");
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return new Cholesky(l);
    }

    /** x with {@code A x = b}. */
    public double[] solve(double[] b) {
        int n = lower.length;
        if (b.length != n) {
            throw new IllegalArgumentException("right-hand side has " + b.length + " entries, expected " + n);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= lower[i][k] * y[k];
            }
            y[i] = s / lower[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= lower[k][i] * x[k];
            }
            x[i] = s / lower[i][i];
        }
        return x;
    }
}
