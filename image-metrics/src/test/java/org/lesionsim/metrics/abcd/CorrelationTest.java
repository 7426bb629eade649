package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The agreement statistics reported for the ABCD validation. */
class CorrelationTest {

    @Test
    void spearmanSeesOnlyOrderPearsonSeesLinearity() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] cubed = {1, 8, 27, 64, 125, 216};
        assertThat(Correlation.spearman(x, cubed)).isCloseTo(1.0, within(1e-12));
        assertThat(Correlation.pearson(x, cubed)).isLessThan(0.95);
        assertThat(Correlation.pearson(x, new double[] {12, 10, 8, 6, 4, 2})).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void tiesShareTheirAverageRank() {
        assertThat(Correlation.ranks(new double[] {10, 20, 20, 30})).containsExactly(1, 2.5, 2.5, 4);
        // a textbook case: x = 1..5, y = 2,1,4,3,5 → ρ = 1 − 6·Σd²/(n(n²−1)) = 1 − 6·4/120 = 0.8
        assertThat(Correlation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5})).isCloseTo(0.8, within(1e-12));
    }
}
