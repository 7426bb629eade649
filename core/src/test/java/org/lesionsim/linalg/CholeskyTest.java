package org.lesionsim.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    @Test
    void solvesPositiveDefiniteSystems() {
        Random random = new Random(7);
        double[][] a = Matrices.randomPsd(15, 15, 0.5, random);
        double[] b = new double[15];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        double[] x = Cholesky.of(a).solve(b);
        for (int i = 0; i < b.length; i++) {
            assertThat(Matrices.dot(a[i], x)).isCloseTo(b[i], within(1e-10));
        }
    }

    @Test
    void rejectsIndefiniteMatrices() {
        assertThatThrownBy(() -> Cholesky.of(new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("not positive definite");
    }
}
