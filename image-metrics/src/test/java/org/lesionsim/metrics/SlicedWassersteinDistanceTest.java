package org.lesionsim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlicedWassersteinDistanceTest {
    private final SlicedWassersteinDistance swd = new SlicedWassersteinDistance();

    @Test
    void laplacianPyramidReconstructsTheImage() {
        // G0 = L0 + up(L1 + up(L2 + …)): the pyramid loses nothing, so down/up sampling agree.
        PlanarImage image = TestImages.blobs(3, 64, 32, new Random(1));
        float[][][] pyramid = SlicedWassersteinDistance.laplacianPyramid(image, 3);
        for (int c = 0; c < 3; c++) {
            float[] g = pyramid[2][c];
            int h = 16;
            int w = 8;
            for (int level = 1; level >= 0; level--) {
                float[] up = SlicedWassersteinDistance.pyrUp(g, h, w);
                h *= 2;
                w *= 2;
                for (int i = 0; i < up.length; i++) {
                    up[i] += pyramid[level][c][i];
                }
                g = up;
            }
            for (int i = 0; i < g.length; i++) {
                assertThat(g[i]).isCloseTo(image.values()[c * 64 * 32 + i], within(1e-5f));
            }
        }
    }

    @Test
    void pyramidFiltersKeepConstantsConstantUpToTheBorders() {
        float[] flat = new float[16 * 16];
        java.util.Arrays.fill(flat, 0.7f);
        for (float v : SlicedWassersteinDistance.pyrDown(flat, 16, 16)) {
            assertThat(v).isCloseTo(0.7f, within(1e-6f));
        }
        for (float v : SlicedWassersteinDistance.pyrUp(flat, 16, 16)) {
            assertThat(v).isCloseTo(0.7f, within(1e-6f));
        }
    }

    @Test
    void levelsRunFromFullResolutionDownTo16() {
        assertThat(SlicedWassersteinDistance.resolutionsFor(TestImages.constant(3, 64, 64, 0f))).containsExactly(64, 32, 16);
        assertThat(SlicedWassersteinDistance.resolutionsFor(TestImages.constant(3, 16, 16, 0f))).containsExactly(16);
        assertThatThrownBy(() -> SlicedWassersteinDistance.resolutionsFor(TestImages.constant(3, 8, 8, 0f)))
                .hasMessageContaining("below the smallest level");
        assertThatThrownBy(() -> SlicedWassersteinDistance.resolutionsFor(TestImages.constant(3, 66, 66, 0f)))
                .hasMessageContaining("does not halve evenly");
    }

    @Test
    void identicalSetsAreNearZeroAndNoiseRaisesTheDistanceMonotonically() {
        // reference directions (4 × 128); 64 instead of 128 neighbourhoods per image keeps the test fast
        SlicedWassersteinDistance swd = new SlicedWassersteinDistance(64, 4, 128);
        Random random = new Random(2);
        List<PlanarImage> real = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            real.add(TestImages.textured(3, 32, 32, random));
        }
        SlicedWassersteinDistance.Descriptors reference = swd.describe(real, 10);
        // every other set is described with seed 11: the same neighbourhoods, so only the noise differs
        double same = swd.distance(reference, swd.describe(real, 11), 99).averageX1e3();
        double[] noisy = new double[3];
        double[] sigmas = {0.05, 0.1, 0.2};
        for (int s = 0; s < 3; s++) {
            List<PlanarImage> fakes = new ArrayList<>();
            for (PlanarImage image : real) {
                fakes.add(TestImages.withNoise(image, sigmas[s], random));
            }
            SlicedWassersteinDistance.Result r = swd.distance(reference, swd.describe(fakes, 11), 99);
            assertThat(r.resolutions()).containsExactly(32, 16);
            assertThat(r.averageX1e3()).isCloseTo((r.levelsX1e3()[0] + r.levelsX1e3()[1]) / 2, within(1e-12));
            noisy[s] = r.averageX1e3();
        }
        // typical: same ≈ 48 (neighbourhood sampling alone), then ≈ 56, 69, 81; stable over seeds
        assertThat(same).isLessThan(noisy[0]);
        assertThat(noisy[0]).isLessThan(noisy[1]);
        assertThat(noisy[1]).isLessThan(noisy[2]);
    }

    @Test
    void comparesOnlyEquallyLargeSetsOfOneShape() {
        Random random = new Random(3);
        List<PlanarImage> two = List.of(TestImages.blobs(3, 16, 16, random), TestImages.blobs(3, 16, 16, random));
        List<PlanarImage> one = List.of(TestImages.blobs(3, 16, 16, random));
        assertThatThrownBy(() -> swd.between(two, one, 1)).hasMessageContaining("differ in size");
        assertThatThrownBy(() -> swd.between(two, List.of(TestImages.blobs(3, 32, 32, random), TestImages.blobs(3, 32, 32, random)), 1))
                .hasMessageContaining("differently shaped");
    }
}
