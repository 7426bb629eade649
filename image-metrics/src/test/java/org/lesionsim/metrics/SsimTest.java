package org.lesionsim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SsimTest {
    private final Ssim ssim = new Ssim();

    @Test
    void identicalImagesScoreOneAndTheScoreIsSymmetric() {
        Random random = new Random(1);
        PlanarImage x = TestImages.blobs(3, 32, 40, random);
        PlanarImage y = TestImages.withNoise(x, 0.1, random);
        assertThat(ssim.compute(x, x)).isCloseTo(1.0, within(1e-12));
        assertThat(ssim.compute(x, y)).isCloseTo(ssim.compute(y, x), within(1e-15));
    }

    @Test
    void decreasesAsNoiseGrows() {
        Random random = new Random(2);
        PlanarImage x = TestImages.blobs(3, 48, 48, random);
        double s05 = ssim.compute(x, TestImages.withNoise(x, 0.05, random));
        double s10 = ssim.compute(x, TestImages.withNoise(x, 0.10, random));
        double s20 = ssim.compute(x, TestImages.withNoise(x, 0.20, random));
        assertThat(s05).isLessThan(1.0).isGreaterThan(s10);
        assertThat(s10).isGreaterThan(s20);
    }

    @Test
    void constantImagesReduceToTheLuminanceTerm() {
        // No variance anywhere: cs = C2/C2 = 1 and SSIM = (2μxμy + C1)/(μx² + μy² + C1).
        double a = 0.3;
        double b = 0.5;
        double c1 = 0.01 * 0.01;
        double expected = (2 * a * b + c1) / (a * a + b * b + c1);
        double actual = ssim.compute(TestImages.constant(3, 20, 20, (float) a), TestImages.constant(3, 20, 20, (float) b));
        assertThat(actual).isCloseTo(expected, within(1e-7)); // float32 inputs
    }

    @Test
    void matchesADirectWindowByWindowComputation() {
        Random random = new Random(3);
        PlanarImage x = TestImages.uniformNoise(2, 16, 14, random);
        PlanarImage y = TestImages.withNoise(x, 0.2, random);
        assertThat(ssim.compute(x, y)).isCloseTo(directSsim(x, y), within(1e-12));
    }

    @Test
    void oneReferenceScoresManyImagesAsTheDirectComputationDoesEach() {
        Random random = new Random(5);
        PlanarImage x = TestImages.uniformNoise(3, 18, 15, random);
        Ssim.Reference reference = ssim.reference(x);
        for (double noise : new double[] {0.05, 0.3, 0.0, 0.15}) {
            PlanarImage y = TestImages.withNoise(x, noise, random);
            assertThat(reference.compute(y)).as("noise %s", noise).isCloseTo(directSsim(x, y), within(1e-12))
                    .isEqualTo(ssim.compute(x, y));
        }
        assertThatThrownBy(() -> reference.compute(TestImages.constant(1, 18, 15, 0f))).hasMessageContaining("differ in shape");
        assertThatThrownBy(() -> ssim.reference(TestImages.constant(3, 18, 10, 0f))).hasMessageContaining("smaller than the 11-pixel");
    }

    @Test
    void rejectsImagesSmallerThanTheWindowOrOfDifferentShape() {
        assertThatThrownBy(() -> ssim.compute(TestImages.constant(1, 10, 30, 0f), TestImages.constant(1, 10, 30, 0f)))
                .hasMessageContaining("smaller than the 11-pixel");
        assertThatThrownBy(() -> ssim.compute(TestImages.constant(1, 20, 20, 0f), TestImages.constant(3, 20, 20, 0f)))
                .hasMessageContaining("differ in shape");
    }

    @Test
    void pixelL2IsMeanSquaredErrorInMinusOneToOneUnits() {
        assertThat(PixelL2.meanSquaredError(TestImages.constant(3, 4, 4, 0f), TestImages.constant(3, 4, 4, 1f))).isEqualTo(4.0);
        assertThat(PixelL2.meanSquaredError(TestImages.constant(3, 4, 4, 0.25f), TestImages.constant(3, 4, 4, 0.75f))).isEqualTo(1.0);
        PlanarImage x = TestImages.uniformNoise(3, 5, 5, new Random(4));
        assertThat(PixelL2.meanSquaredError(x, x)).isZero();
        // [−1, 1] inputs converted back give the same value as F.mse_loss on the raw tensors
        float[] a = {-1f, 0f, 0.5f, 1f};
        float[] b = {-0.5f, 0f, 1f, -1f};
        double mse = (0.25 + 0 + 0.25 + 4) / 4;
        assertThat(PixelL2.meanSquaredError(PlanarImage.fromMinusOneToOne(1, 2, 2, a), PlanarImage.fromMinusOneToOne(1, 2, 2, b)))
                .isCloseTo(mse, within(1e-12));
    }

    /** SSIM by its definition: 2-D Gaussian weights (outer product of the 1-D window), every valid position. */
    private static double directSsim(PlanarImage x, PlanarImage y) {
        int k = 11;
        double[] g = new double[k];
        double gs = 0;
        for (int i = 0; i < k; i++) {
            g[i] = Math.exp(-Math.pow(i - 5, 2) / (2 * 1.5 * 1.5));
            gs += g[i];
        }
        double c1 = 1e-4;
        double c2 = 9e-4;
        double total = 0;
        for (int c = 0; c < x.channels(); c++) {
            double channelSum = 0;
            int positions = 0;
            for (int oy = 0; oy + k <= x.height(); oy++) {
                for (int ox = 0; ox + k <= x.width(); ox++) {
                    double mx = 0;
                    double my = 0;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            double w = g[i] * g[j] / (gs * gs);
                            mx += w * x.get(c, oy + i, ox + j);
                            my += w * y.get(c, oy + i, ox + j);
                        }
                    }
                    double vx = 0;
                    double vy = 0;
                    double cxy = 0;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            double w = g[i] * g[j] / (gs * gs);
                            double dx = x.get(c, oy + i, ox + j) - mx;
                            double dy = y.get(c, oy + i, ox + j) - my;
                            vx += w * dx * dx;
                            vy += w * dy * dy;
                            cxy += w * dx * dy;
                        }
                    }
                    channelSum += (2 * mx * my + c1) / (mx * mx + my * my + c1) * (2 * cxy + c2) / (vx + vy + c2);
                    positions++;
                }
            }
            total += channelSum / positions;
        }
        return total / x.channels();
    }
}
