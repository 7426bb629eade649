package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lesionsim.imaging.mask.BinaryMask;

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

    @Test
    void medianIsTheMiddleOfASortedCopyOrTheMeanOfItsTwoMiddles() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(400);
            float[] values = new float[n];
            boolean[] inside = new boolean[n];
            for (int i = 0; i < n; i++) {
                values[i] = trial % 2 == 0 ? random.nextInt(15) : (float) random.nextGaussian(); // ties, and none
                inside[i] = random.nextInt(4) != 0;
            }
            BinaryMask mask = new BinaryMask(n, 1, inside);
            float[] kept = new float[mask.area()];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (inside[i]) {
                    kept[k++] = values[i];
                }
            }
            Arrays.sort(kept);
            double expected = k == 0 ? 0 : k % 2 == 1 ? kept[k / 2] : 0.5 * (kept[k / 2 - 1] + kept[k / 2]);
            float[] before = values.clone();
            assertThat(Quantiles.median(values, mask)).isEqualTo(expected);
            assertThat(values).as("the input is left as it was").isEqualTo(before);
        }
        assertThat(Quantiles.median(new float[] {4, 1, 3, 2}, new BinaryMask(4, 1, new boolean[] {true, true, true, true}))).isEqualTo(2.5);
    }
}
