package org.lesionsim.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Square roots of symmetric positive semi-definite matrices through their eigen-decomposition
 * ({@link SymmetricEigen}; the products by EJML), and the FID term {@code Tr sqrt(Σ1 Σ2)} computed
 * without ever forming the non-symmetric product.
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
        double[] fourthRoot = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            fourthRoot[i] = Math.sqrt(Math.sqrt(Math.max(lambda[i], 0.0)));
        }
        // (D^¼ V)ᵀ (D^¼ V) = Vᵀ D^½ V with V's rows the eigenvectors: symmetric by construction.
        DMatrixRMaj scaled = new DMatrixRMaj(eigen.vectorsUnsafe());
        CommonOps_DDRM.multRows(fourthRoot, scaled);
        return toArray(CommonOps_DDRM.multInner(scaled, null));
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

        // M = (D^½ V) Σ2 (D^½ V)ᵀ over the eigenvectors with λ > 0 only: the others give zero rows
        // and columns, i.e. eigenvalues 0 that add nothing to the trace. With fewer samples than
        // feature dimensions that shrinks M to the rank of Σ1. Symmetrised against rounding.
        int rank = 0;
        while (rank < n && root[rank] > 0) { // λ are sorted descending
            rank++;
        }
        double[][] mArray = new double[rank][rank];
        if (rank > 0) {
            DMatrixRMaj scaledV = new DMatrixRMaj(rank, n);
            for (int i = 0; i < rank; i++) {
                double[] vi = eigen1.vectorsUnsafe()[i];
                for (int k = 0; k < n; k++) {
                    scaledV.unsafe_set(i, k, root[i] * vi[k]);
                }
            }
            DMatrixRMaj m = CommonOps_DDRM.multTransB(CommonOps_DDRM.mult(scaledV, new DMatrixRMaj(sigma2), null), scaledV, null);
            for (int i = 0; i < rank; i++) {
                for (int j = 0; j <= i; j++) {
                    double value = 0.5 * (m.unsafe_get(i, j) + m.unsafe_get(j, i));
                    mArray[i][j] = value;
                    mArray[j][i] = value;
                }
            }
        }
        double[] mu = SymmetricEigen.valuesOf(mArray);
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

    private static double[][] toArray(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][];
        for (int i = 0; i < m.numRows; i++) {
            out[i] = Arrays.copyOfRange(m.data, i * m.numCols, (i + 1) * m.numCols);
        }
        return out;
    }
}
