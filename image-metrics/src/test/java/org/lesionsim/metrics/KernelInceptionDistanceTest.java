package org.lesionsim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelInceptionDistanceTest {

    @Test
    void oneSubsetOfEverythingEqualsTheDirectUnbiasedMmdEstimate() {
        // A subset of size n drawn without replacement is a permutation, and MMD² does not depend on order.
        Random random = new Random(1);
        List<float[]> real = FrechetDistanceTest.gaussianSamples(40, 5, 0.0, random);
        List<float[]> fake = FrechetDistanceTest.gaussianSamples(40, 5, 0.3, random);
        int m = 40;
        int d = 5;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    xx += k(fake.get(i), fake.get(j), d);
                    yy += k(real.get(i), real.get(j), d);
                }
                xy += k(real.get(i), fake.get(j), d);
            }
        }
        double expected = xx / (m * (m - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / (m * (double) m);
        KernelInceptionDistance.Result r = new KernelInceptionDistance(1, 1000, 7).between(real, fake);
        assertThat(r.subsetSize()).isEqualTo(40);
        assertThat(r.mean()).isCloseTo(expected, within(1e-12));
        assertThat(r.std()).isZero();
    }

    @Test
    void sameDistributionIsNearZeroAndAShiftIsClearlyLarger() {
        Random random = new Random(2);
        List<float[]> real = FrechetDistanceTest.gaussianSamples(300, 16, 0.0, random);
        List<float[]> same = FrechetDistanceTest.gaussianSamples(300, 16, 0.0, random);
        List<float[]> shifted = FrechetDistanceTest.gaussianSamples(300, 16, 0.4, random);
        KernelInceptionDistance kid = new KernelInceptionDistance(20, 100, 3);
        KernelInceptionDistance.Result near = kid.between(real, same);
        KernelInceptionDistance.Result far = kid.between(real, shifted);
        assertThat(Math.abs(near.mean())).isLessThan(3 * near.std() + 1e-3);
        assertThat(far.mean()).isGreaterThan(10 * Math.abs(near.mean())).isGreaterThan(far.std());
        assertThat(near.subsets()).isEqualTo(20);
        assertThat(near.subsetSize()).isEqualTo(100);
    }

    @Test
    void cachedAndDirectKernelsGiveTheSameResult() {
        Random random = new Random(4);
        List<float[]> real = FrechetDistanceTest.gaussianSamples(60, 8, 0.0, random);
        List<float[]> fake = FrechetDistanceTest.gaussianSamples(50, 8, 0.2, random);
        KernelInceptionDistance.Result cached = new KernelInceptionDistance(5, 30, 9, 10_000).between(real, fake);
        KernelInceptionDistance.Result direct = new KernelInceptionDistance(5, 30, 9, 0).between(real, fake);
        assertThat(cached.mean()).isCloseTo(direct.mean(), within(1e-12));
        assertThat(cached.std()).isCloseTo(direct.std(), within(1e-12));
    }

    @Test
    void rejectsTooFewOrMismatchedVectors() {
        KernelInceptionDistance kid = KernelInceptionDistance.withDefaults(1);
        assertThatThrownBy(() -> kid.between(List.of(new float[2]), List.of(new float[2], new float[2])))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> kid.between(List.of(new float[2], new float[2]), List.of(new float[3], new float[3])))
                .hasMessageContaining("dimension");
    }

    private static double k(float[] x, float[] y, int d) {
        double dot = 0;
        for (int i = 0; i < d; i++) {
            dot += x[i] * (double) y[i];
        }
        return Math.pow(dot / d + 1, 3);
    }
}
