package org.lesionsim.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Cholesky factorisation {@code A = L Lᵀ} of a symmetric positive-definite matrix (EJML) and the
 * solve {@code A x = b} by forward and back substitution. In: an n×n symmetric positive-definite
 * matrix. Fails with {@link ArithmeticException} when it is not. Only L is kept and {@link #solve}
 * works on its own copy, so one factor may serve several threads.
 */
public final class Cholesky {
    private final DMatrixRMaj lower;

    private Cholesky(DMatrixRMaj lower) {
        this.lower = lower;
    }

    public static Cholesky of(double[][] a) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a[i].length + " columns, expected " + n);
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(n, true);
        if (!cholesky.decompose(new DMatrixRMaj(a))) {
            throw new ArithmeticException("matrix is not positive definite (" + n + "×" + n + ")");
        }
        return new Cholesky(cholesky.getT(null));
    }

    /** x with {@code A x = b}. */
    public double[] solve(double[] b) {
        int n = lower.numRows;
        if (b.length != n) {
            throw new IllegalArgumentException("right-hand side has " + b.length + " entries, expected " + n);
        }
        double[] x = b.clone();
        TriangularSolver_DDRM.solveL(lower.data, x, n);
        TriangularSolver_DDRM.solveTranL(lower.data, x, n);
        return x;
    }
}
