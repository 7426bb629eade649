package org.lesionsim.linalg;

import java.util.Random;

/** Small, obvious matrix helpers for tests (deliberately naive: they are the independent side). */
public final class Matrices {
    private Matrices() {
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0.0;
                for (int k = 0; k < b.length; k++) {
                    s += a[i][k] * b[k][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double[][] randomSymmetric(int n, Random random) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = random.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    /** B Bᵀ + shift·I for a random B: symmetric positive (semi-)definite. */
    static double[][] randomPsd(int n, int rank, double shift, Random random) {
        double[][] b = new double[n][rank];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rank; j++) {
                b[i][j] = random.nextGaussian();
            }
        }
        double[][] a = multiply(b, transpose(b));
        for (int i = 0; i < n; i++) {
            a[i][i] += shift;
        }
        return a;
    }

    /** A random orthogonal matrix (rows orthonormal) by Gram–Schmidt. */
    public static double[][] randomOrthogonal(int n, Random random) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                q[i][k] = random.nextGaussian();
            }
            for (int j = 0; j < i; j++) {
                double d = dot(q[i], q[j]);
                for (int k = 0; k < n; k++) {
                    q[i][k] -= d * q[j][k];
                }
            }
            double norm = Math.sqrt(dot(q[i], q[i]));
            for (int k = 0; k < n; k++) {
                q[i][k] /= norm;
            }
        }
        return q;
    }

    /** Σ_i d_i q_i q_iᵀ for the rows q_i of q. */
    public static double[][] fromEigen(double[][] q, double[] d) {
        int n = q.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    a[r][c] += d[i] * q[i][r] * q[i][c];
                }
            }
        }
        return a;
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double trace(double[][] a) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i][i];
        }
        return s;
    }

    static double maxAbsDifference(double[][] a, double[][] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    /** Gauss–Jordan inverse with partial pivoting. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1.0;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double p = m[col][col];
            for (int k = 0; k < 2 * n; k++) {
                m[col][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = m[r][col];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
