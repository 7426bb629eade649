package org.lesionsim.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetricEigenTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 40, 120})
    void decompositionSatisfiesAvEqualsLambdaVWithOrthonormalVectorsSortedDescending(int n) {
        double[][] a = Matrices.randomSymmetric(n, new Random(n));
        SymmetricEigen eigen = SymmetricEigen.of(a);
        double[] values = eigen.values();
        double[][] v = eigen.vectors();
        double scale = Math.max(1.0, Math.abs(values[0]) + Math.abs(values[n - 1]));

        for (int i = 0; i < n; i++) {
            double[] av = column(Matrices.multiply(a, Matrices.transpose(new double[][] {v[i]})));
            for (int k = 0; k < n; k++) {
                assertThat(av[k]).as("(A v - λ v)[%d] for eigenpair %d", k, i).isCloseTo(values[i] * v[i][k], within(1e-11 * scale));
            }
            for (int j = 0; j < n; j++) {
                assertThat(Matrices.dot(v[i], v[j])).as("v%d·v%d", i, j).isCloseTo(i == j ? 1.0 : 0.0, within(1e-12));
            }
            if (i > 0) {
                assertThat(values[i]).isLessThanOrEqualTo(values[i - 1]);
            }
        }
        // Invariants independent of the vectors: trace and Frobenius norm are sums over eigenvalues.
        double sum = 0.0;
        double sumSq = 0.0;
        for (double value : values) {
            sum += value;
            sumSq += value * value;
        }
        double frobenius = 0.0;
        for (double[] row : a) {
            for (double x : row) {
                frobenius += x * x;
            }
        }
        assertThat(sum).isCloseTo(Matrices.trace(a), within(1e-10 * scale * n));
        assertThat(sumSq).isCloseTo(frobenius, within(1e-10 * frobenius));
    }

    @Test
    void twoByTwoMatchesClosedForm() {
        double a = 2.0;
        double b = -0.7;
        double c = -1.3;
        double[] values = SymmetricEigen.valuesOf(new double[][] {{a, b}, {b, c}});
        double mid = (a + c) / 2;
        double radius = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        assertThat(values[0]).isCloseTo(mid + radius, within(1e-14));
        assertThat(values[1]).isCloseTo(mid - radius, within(1e-14));
    }

    @Test
    void recoversPlantedSpectrumWithRepeatedEigenvalues() {
        Random random = new Random(3);
        int n = 9;
        double[][] q = Matrices.randomOrthogonal(n, random);
        double[] planted = {5, 5, 5, 2, 0, 0, -1, -1, -4};
        double[][] a = Matrices.fromEigen(q, planted);
        SymmetricEigen eigen = SymmetricEigen.of(a);
        assertThat(eigen.values()).containsExactly(planted, within(1e-12));
        // the eigenvector of the simple eigenvalue 2 is q[3] up to sign
        assertThat(Math.abs(Matrices.dot(eigen.vectors()[3], q[3]))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void valuesOnlyAgreesWithFullDecomposition() {
        double[][] a = Matrices.randomSymmetric(60, new Random(11));
        assertThat(SymmetricEigen.valuesOf(a)).containsExactly(SymmetricEigen.of(a).values(), within(1e-11));
    }

    @Test
    void diagonalAndZeroMatricesAreHandled() {
        assertThat(SymmetricEigen.valuesOf(new double[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 2}})).containsExactly(3, 2, 1);
        SymmetricEigen zero = SymmetricEigen.of(new double[4][4]);
        assertThat(zero.values()).containsOnly(0.0);
        for (int i = 0; i < 4; i++) {
            assertThat(Matrices.dot(zero.vectors()[i], zero.vectors()[i])).isCloseTo(1.0, within(1e-15));
        }
    }

    @Test
    void rejectsNonSquareAndNonFiniteInput() {
        assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not square");
        assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }

    private static double[] column(double[][] m) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][0];
        }
        return c;
    }
}
