package org.lesionsim.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatrixSqrtTest {

    @Test
    void sqrtOfPsdSquaresBackToTheMatrix() {
        double[][] a = Matrices.randomPsd(12, 12, 0.1, new Random(1));
        double[][] root = MatrixSqrt.sqrtPsd(a);
        assertThat(Matrices.maxAbsDifference(Matrices.multiply(root, root), a)).isLessThan(1e-11);
        assertThat(Matrices.maxAbsDifference(root, Matrices.transpose(root))).isLessThan(1e-13);
    }

    @Test
    void commutingCovariancesGiveSumOfSqrtOfEigenvalueProducts() {
        Random random = new Random(2);
        int n = 10;
        double[][] q = Matrices.randomOrthogonal(n, random);
        double[] a = new double[n];
        double[] b = new double[n];
        double expected = 0.0;
        for (int i = 0; i < n; i++) {
            a[i] = 0.1 + 3 * random.nextDouble();
            b[i] = 0.1 + 3 * random.nextDouble();
            expected += Math.sqrt(a[i] * b[i]);
        }
        MatrixSqrt.TraceOfSqrt result = MatrixSqrt.traceOfSqrtProduct(Matrices.fromEigen(q, a), Matrices.fromEigen(q, b));
        assertThat(result.trace()).isCloseTo(expected, within(1e-10));
    }

    @Test
    void twoByTwoNonCommutingMatchesTraceDeterminantFormula() {
        // For 2×2 M with non-negative eigenvalues, Tr sqrt(M) = sqrt(Tr M + 2 sqrt(det M)).
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[][] s1 = Matrices.randomPsd(2, 2, 0.01, random);
            double[][] s2 = Matrices.randomPsd(2, 2, 0.01, random);
            double[][] m = Matrices.multiply(s1, s2);
            double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
            double expected = Math.sqrt(Matrices.trace(m) + 2 * Math.sqrt(det));
            assertThat(MatrixSqrt.traceOfSqrtProduct(s1, s2).trace()).isCloseTo(expected, within(1e-10 * expected));
        }
    }

    @Test
    void matchesDenmanBeaversSqrtOfTheNonSymmetricProduct() {
        // Independent route: iterate Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 from Y = Σ1Σ2, Z = I; Y → (Σ1Σ2)^½.
        Random random = new Random(4);
        int n = 6;
        double[][] s1 = Matrices.randomPsd(n, n, 0.5, random);
        double[][] s2 = Matrices.randomPsd(n, n, 0.5, random);
        double[][] y = Matrices.multiply(s1, s2);
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            z[i][i] = 1.0;
        }
        for (int k = 0; k < 60; k++) {
            double[][] yInv = Matrices.inverse(y);
            double[][] zInv = Matrices.inverse(z);
            double[][] ny = new double[n][n];
            double[][] nz = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    ny[i][j] = 0.5 * (y[i][j] + zInv[i][j]);
                    nz[i][j] = 0.5 * (z[i][j] + yInv[i][j]);
                }
            }
            y = ny;
            z = nz;
        }
        double[][] product = Matrices.multiply(s1, s2);
        assertThat(Matrices.maxAbsDifference(Matrices.multiply(y, y), product)).as("Denman–Beavers converged").isLessThan(1e-9);
        MatrixSqrt.TraceOfSqrt result = MatrixSqrt.traceOfSqrtProduct(s1, s2);
        assertThat(result.trace()).isCloseTo(Matrices.trace(y), within(1e-9 * Matrices.trace(y)));
        assertThat(result.clampedEigenvalues()).isZero();
    }

    @Test
    void singularCovariancesNeedNoRegularisationAndClampingIsReported() {
        Random random = new Random(5);
        // rank 3 in 8 dimensions: what fewer samples than features produce
        double[][] s1 = Matrices.randomPsd(8, 3, 0.0, random);
        double[][] s2 = Matrices.randomPsd(8, 3, 0.0, random);
        MatrixSqrt.TraceOfSqrt result = MatrixSqrt.traceOfSqrtProduct(s1, s2);
        assertThat(result.trace()).isFinite().isPositive();
        assertThat(result.mostNegativeRelative()).isGreaterThan(-1e-12);

        MatrixSqrt.TraceOfSqrt clamped = MatrixSqrt.traceOfSqrtProduct(
                new double[][] {{1, 0}, {0, -1e-14}}, new double[][] {{4, 0}, {0, 1}});
        assertThat(clamped.trace()).isCloseTo(2.0, within(1e-12));
        assertThat(clamped.clampedEigenvalues()).isEqualTo(1);
        assertThat(clamped.mostNegativeRelative()).isCloseTo(-1e-14, within(1e-20));
    }
}
