package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Quickselect gives exactly what indexing a sorted copy gives, ties and all. */
class QuantilesTest {

    @Test
    void selectionMatchesSorting() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(300);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(20); // many ties
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            double q = random.nextDouble();
            assertThat(Quantiles.inPlace(values.clone(), 0, n, q)).isEqualTo(sorted[(int) Math.min(n - 1, Math.floor(q * n))]);
        }
    }
}
