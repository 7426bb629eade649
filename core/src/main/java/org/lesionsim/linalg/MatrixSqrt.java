package org.lesionsim.linalg;

/**
 * Square roots of symmetric positive semi-definite matrices through their eigen-decomposition,
 * and the FID term {@code Tr sqrt(Σ1 Σ2)} computed without ever forming the non-symmetric product.
 *
 * <p>Why not {@code sqrtm(Σ1 Σ2)} as pytorch-fid does: Σ1Σ2 is not symmetric, its square root by
 * Schur decomposition can pick up imaginary parts and fails on singular products (fewer samples
 * than feature dimensions), which is why the reference adds {@code eps·I}. Here
 * {@code Tr sqrt(Σ1Σ2) = Tr sqrt(Σ1^½ Σ2 Σ1^½)}: both matrices have the same eigenvalues, and the
 * second is symmetric PSD, so the trace is {@code Σ sqrt(μ_i)} over its real eigenvalues. Rounding
 * can leave eigenvalues slightly below zero; they are clamped to zero and the clamping is reported.
 */
public final class MatrixSqrt {
    private MatrixSqrt() {
    }

    /**
     * {@code Tr sqrt(Σ1 Σ2)} and what had to be done to get it.
     *
     * @param trace               the trace
     * @param clampedEigenvalues  how many negative eigenvalues (of Σ1, then of Σ1^½Σ2Σ1^½) were set to 0
     * @param mostNegativeRelative the most negative eigenvalue met, divided by the largest one of its
     *                            matrix (0 when none was negative); around −1e-15 is rounding, far below
     *                            that means an input was not a covariance matrix
     */
    public record TraceOfSqrt(double trace, int clampedEigenvalues, double mostNegativeRelative) {
    }

    /** Symmetric square root {@code V diag(sqrt(max(λ,0))) Vᵀ} of a symmetric PSD matrix. */
    public static double[][] sqrtPsd(double[][] a) {
        SymmetricEigen eigen = SymmetricEigen.of(a);
        double[] lambda = eigen.valuesUnsafe();
        double[][] v = eigen.vectorsUnsafe();
        int n = lambda.length;
        double[] root = new double[n];
        for (int i = 0; i < n; i++) {
            root[i] = Math.sqrt(Math.max(lambda[i], 0.0));
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] vi = v[i];
            double ri = root[i];
            if (ri == 0.0) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                double scaled = ri * vi[r];
                if (scaled == 0.0) {
                    continue;
                }
                double[] row = out[r];
                for (int c = 0; c < n; c++) {
                    row[c] += scaled * vi[c];
                }
            }
        }
        return out;
    }

    /**
     * {@code Tr sqrt(Σ1 Σ2)} for symmetric PSD Σ1, Σ2 of the same size.
     * With Σ1 = V diag(λ) Vᵀ (rows of V are eigenvectors), the matrix
     * {@code M_ij = sqrt(λ_i λ_j) v_iᵀ Σ2 v_j} is Σ1^½Σ2Σ1^½ in the eigenbasis of Σ1, so it has
     * the same eigenvalues; only those are needed.
     */
    public static TraceOfSqrt traceOfSqrtProduct(double[][] sigma1, double[][] sigma2) {
        int n = sigma1.length;
        if (sigma2.length != n) {
            throw new IllegalArgumentException("covariances differ in size: " + n + " vs " + sigma2.length);
        }
        SymmetricEigen eigen1 = SymmetricEigen.of(sigma1);
        double[] lambda = eigen1.valuesUnsafe();
        double[][] v = eigen1.vectorsUnsafe();
        int clamped = 0;
        double mostNegative = 0.0;
        double largest = Math.max(lambda.length == 0 ? 0.0 : lambda[0], Double.MIN_NORMAL);
        double[] root = new double[n];
        for (int i = 0; i < n; i++) {
            if (lambda[i] < 0) {
                clamped++;
                mostNegative = Math.min(mostNegative, lambda[i] / largest);
            }
            root[i] = Math.sqrt(Math.max(lambda[i], 0.0));
        }

        // b_i = Σ2 v_i (Σ2 symmetric, so row i of V·Σ2), row-major friendly.
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (root[i] == 0.0) {
                continue;
            }
            double[] vi = v[i];
            double[] bi = b[i];
            for (int k = 0; k < n; k++) {
                double vik = vi[k];
                if (vik == 0.0) {
                    continue;
                }
                double[] s2k = sigma2[k];
                for (int c = 0; c < n; c++) {
                    bi[c] += vik * s2k[c];
                }
            }
        }
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double value = root[i] * root[j] == 0.0 ? 0.0 : root[i] * root[j] * dot(b[i], v[j]);
                m[i][j] = value;
                m[j][i] = value;
            }
        }
        double[] mu = SymmetricEigen.valuesOf(m);
        double largestMu = Math.max(mu.length == 0 ? 0.0 : mu[0], Double.MIN_NORMAL);
        double trace = 0.0;
        for (double value : mu) {
            if (value < 0) {
                clamped++;
                mostNegative = Math.min(mostNegative, value / largestMu);
            } else {
                trace += Math.sqrt(value);
            }
        }
        return new TraceOfSqrt(trace, clamped, mostNegative);
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
