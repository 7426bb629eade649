package org.lesionsim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MsSsimTest {
    private static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

    @Test
    void identicalImagesScoreOne() {
        PlanarImage x = TestImages.blobs(3, 176, 176, new Random(1));
        assertThat(new MsSsim().compute(x, x)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void pureLuminanceShiftOfConstantImagesIsTheLuminanceTermToTheLastWeight() {
        // Every scale stays constant (176 → 88 → 44 → 22 → 11, all even until the last), so every
        // cs is 1 and MS-SSIM = l^{w5} with l = (2ab + C1)/(a² + b² + C1).
        double a = 0.2;
        double b = 0.6;
        double c1 = 1e-4;
        double l = (2 * a * b + c1) / (a * a + b * b + c1);
        double actual = new MsSsim().compute(TestImages.constant(3, 176, 176, (float) a), TestImages.constant(3, 176, 176, (float) b));
        assertThat(actual).isCloseTo(Math.pow(l, 0.1333), within(1e-7));
    }

    @Test
    void equalsTheWeightedProductOfPerScaleTermsOverExplicitlyPooledImages() {
        Random random = new Random(2);
        // odd side: pooling pads one zero on each side and counts it, as avg_pool2d(padding=1) does
        PlanarImage x = TestImages.blobs(2, 181, 170, random);
        PlanarImage y = TestImages.withNoise(x, 0.08, random);
        Ssim ssim = new Ssim();
        double[] product = new double[2];
        Arrays.fill(product, 1.0);
        PlanarImage a = x;
        PlanarImage b = y;
        for (int scale = 0; scale < 5; scale++) {
            Ssim.Components comp = ssim.components(a, b);
            for (int c = 0; c < 2; c++) {
                double term = scale == 4 ? comp.ssim()[c] : comp.cs()[c];
                product[c] *= Math.pow(Math.max(term, 0), WEIGHTS[scale]);
            }
            a = pool(a);
            b = pool(b);
        }
        double expected = (product[0] + product[1]) / 2;
        assertThat(new MsSsim().compute(x, y)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void poolingMatchesAvgPool2dWithPaddingOnOddSides() {
        PlanarImage image = new PlanarImage(1, 3, 2, new float[] {1, 2, 3, 4, 5, 6});
        PlanarImage pooled = MsSsim.averagePool2(image);
        // rows padded to [0, 1 2, 3 4, 5 6, 0] → windows {0-row + (1 2)}, {(3 4) + (5 6)}
        assertThat(pooled.height()).isEqualTo(2);
        assertThat(pooled.width()).isEqualTo(1);
        assertThat(pooled.values()).containsExactly((1 + 2) / 4f, (3 + 4 + 5 + 6) / 4f);
    }

    @Test
    void oneReferenceScoresManyImagesExactlyAsPairwiseAndBringsTheFullScaleSsim() {
        Random random = new Random(4);
        PlanarImage x = TestImages.blobs(3, 64, 64, random);
        MsSsim msSsim = MsSsim.forSmallerSide(64);
        MsSsim.Reference reference = msSsim.reference(x);
        PlanarImage first = TestImages.withNoise(x, 0.1, random);
        MsSsim.Score firstScore = reference.compare(first);
        for (double noise : new double[] {0.02, 0.2, 0.0}) {
            PlanarImage y = TestImages.withNoise(x, noise, random);
            MsSsim.Score score = reference.compare(y);
            assertThat(score.msSsim()).as("noise %s", noise).isEqualTo(msSsim.compute(x, y));
            assertThat(score.ssim()).as("noise %s", noise).isEqualTo(new Ssim().compute(x, y));
        }
        assertThat(reference.compare(first)).as("nothing of one comparison stays for the next").isEqualTo(firstScore);
        assertThat(reference.compare(x).msSsim()).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(() -> reference.compare(TestImages.constant(3, 64, 63, 0f))).hasMessageContaining("differ in shape");
        assertThatThrownBy(() -> new MsSsim().reference(x)).hasMessageContaining("> 160");
    }

    @Test
    void decreasesAsNoiseGrows() {
        Random random = new Random(3);
        PlanarImage x = TestImages.blobs(3, 64, 64, random);
        MsSsim msSsim = MsSsim.forSmallerSide(64);
        double s05 = msSsim.compute(x, TestImages.withNoise(x, 0.05, random));
        double s10 = msSsim.compute(x, TestImages.withNoise(x, 0.10, random));
        double s20 = msSsim.compute(x, TestImages.withNoise(x, 0.20, random));
        assertThat(s05).isLessThan(1.0).isGreaterThan(s10);
        assertThat(s10).isGreaterThan(s20);
    }

    @Test
    void smallImagesUseFewerScalesWithRenormalisedWeightsAndTheStandardSetRefusesThem() {
        assertThat(MsSsim.forSmallerSide(64).scales()).isEqualTo(3);
        assertThat(MsSsim.forSmallerSide(128).scales()).isEqualTo(4);
        assertThat(MsSsim.forSmallerSide(161).weights()).containsExactly(WEIGHTS, within(1e-15));
        double[] w3 = MsSsim.forSmallerSide(64).weights();
        assertThat(w3[0] + w3[1] + w3[2]).isCloseTo(1.0, within(1e-15));
        assertThat(w3[1] / w3[0]).isCloseTo(0.2856 / 0.0448, within(1e-12));
        PlanarImage small = TestImages.constant(3, 128, 128, 0.5f);
        assertThatThrownBy(() -> new MsSsim().compute(small, small)).hasMessageContaining("> 160");
    }

    /** 2×2 mean over an image zero-padded by (side % 2) on both sides, zeros counted: the obvious way. */
    private static PlanarImage pool(PlanarImage image) {
        int ph = image.height() % 2;
        int pw = image.width() % 2;
        int h = image.height() + 2 * ph;
        int w = image.width() + 2 * pw;
        float[][][] padded = new float[image.channels()][h][w];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    padded[c][y + ph][x + pw] = image.get(c, y, x);
                }
            }
        }
        float[][][] out = new float[image.channels()][h / 2][w / 2];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < h / 2; y++) {
                for (int x = 0; x < w / 2; x++) {
                    out[c][y][x] = (float) (((double) padded[c][2 * y][2 * x] + padded[c][2 * y][2 * x + 1]
                            + padded[c][2 * y + 1][2 * x] + padded[c][2 * y + 1][2 * x + 1]) / 4.0);
                }
            }
        }
        return PlanarImage.fromChw(out);
    }
}
