package org.lesionsim.linalg;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.TridiagonalSimilarDecomposition_F64;

/**
 * Eigen-decomposition of a real symmetric matrix {@code A = V diag(λ) Vᵀ}, by EJML's symmetric
 * implicit QR algorithm (Householder tridiagonalisation, then shifted QR sweeps).
 *
 * <p>In: an n×n symmetric matrix. Out: eigenvalues sorted <b>descending</b> (EJML does not sort)
 * and, on request, the matching orthonormal eigenvectors as the <b>rows</b> of {@link #vectors()};
 * an eigenvector's sign is whatever the solver gives (callers that need one fix it themselves).
 */
public final class SymmetricEigen {
    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Eigenvalues and eigenvectors of {@code a} (not modified). */
    public static SymmetricEigen of(double[][] a) {
        return decompose(a, true);
    }

    /** Eigenvalues only: skips accumulating the transformations, several times faster. */
    public static double[] valuesOf(double[][] a) {
        return decompose(a, false).values;
    }

    /** Eigenvalues, largest first. */
    public double[] values() {
        return values.clone();
    }

    /** Unit eigenvectors as rows, row i belongs to {@code values()[i]}. */
    public double[][] vectors() {
        if (vectors == null) {
            throw new IllegalStateException("eigenvectors were not computed");
        }
        double[][] copy = new double[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            copy[i] = vectors[i].clone();
        }
        return copy;
    }

    /** Rows are not copied: for callers in this package that only read. */
    double[][] vectorsUnsafe() {
        return vectors;
    }

    double[] valuesUnsafe() {
        return values;
    }

    private static SymmetricEigen decompose(double[][] a, boolean wantVectors) {
        int n = a.length;
        if (n == 0) {
            return new SymmetricEigen(new double[0], wantVectors ? new double[0][] : null);
        }
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a[i].length + " columns, expected " + n);
            }
            for (double v : a[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("matrix has a non-finite entry in row " + i);
                }
            }
        }
        double[] d = new double[n];
        EigenDecomposition_F64<DMatrixRMaj> eigen = null;
        if (wantVectors) {
            eigen = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eigen.decompose(new DMatrixRMaj(a))) {
                throw notConverged(n);
            }
            for (int i = 0; i < n; i++) {
                d[i] = eigen.getEigenvalue(i).real;
            }
        } else {
            // Not eig(n, false, true): its values-only path solves 2×2 blocks in closed form before
            // looking for zero couplings, which costs an ulp even on a diagonal matrix. The QR sweeps
            // alone split at exact zeros and are as accurate as the vector path.
            TridiagonalSimilarDecomposition_F64<DMatrixRMaj> tridiagonal = DecompositionFactory_DDRM.tridiagonal(n);
            if (!tridiagonal.decompose(new DMatrixRMaj(a))) {
                throw notConverged(n);
            }
            double[] off = new double[n - 1];
            tridiagonal.getDiagonal(d, off);
            SymmetricQrAlgorithm_DDRM qr = new SymmetricQrAlgorithm_DDRM();
            if (!qr.process(n, d, off)) {
                throw notConverged(n);
            }
            for (int i = 0; i < n; i++) {
                d[i] = qr.getEigenvalue(i);
            }
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> d[i]).reversed());
        double[] values = new double[n];
        double[][] vectors = wantVectors ? new double[n][] : null;
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]];
            if (wantVectors) {
                vectors[i] = eigen.getEigenVector(order[i]).data;
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    private static ArithmeticException notConverged(int n) {
        return new ArithmeticException("symmetric QR did not converge for a " + n + "×" + n + " matrix");
    }
}
