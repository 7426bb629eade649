package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Area averaging is the exact box integral; Lanczos-3 preserves constants; neither aliases. */
class ResamplerTest {

    private static BufferedImage grey(int w, int h, int[] values) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < values.length; i++) {
            img.setRGB(i % w, i / w, values[i] * 0x010101);
        }
        return img;
    }

    private static int grey(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xff;
    }

    @Test
    void areaAveragingMatchesAHandComputed4x4To2x2() {
        BufferedImage img = grey(4, 4, new int[] {
            0, 40, 80, 120,
            10, 50, 90, 130,
            200, 200, 0, 0,
            100, 100, 20, 61});
        BufferedImage half = Resampler.resize(img, 2, 2);
        assertThat(grey(half, 0, 0)).isEqualTo(25);   // (0+40+10+50)/4
        assertThat(grey(half, 1, 0)).isEqualTo(105);  // (80+120+90+130)/4
        assertThat(grey(half, 0, 1)).isEqualTo(150);  // (200+200+100+100)/4
        assertThat(grey(half, 1, 1)).isEqualTo(20);   // (0+0+20+61)/4 = 20.25
    }

    @Test
    void areaAveragingWeighsFractionalPixelsByOverlap() {
        // 3 -> 2: each output covers 1.5 source pixels: [0, 1.5) and [1.5, 3)
        BufferedImage row = Resampler.resize(grey(3, 1, new int[] {0, 90, 181}), 2, 1);
        assertThat(grey(row, 0, 0)).isEqualTo(30);  // (0 + 0.5*90) / 1.5
        assertThat(grey(row, 1, 0)).isEqualTo(151); // (0.5*90 + 181) / 1.5 = 150.67
        // 5 -> 2 vertically: [0, 2.5) and [2.5, 5)
        BufferedImage column = Resampler.resize(grey(1, 5, new int[] {10, 20, 30, 40, 50}), 1, 2);
        assertThat(grey(column, 0, 0)).isEqualTo(18); // (10+20+15)/2.5
        assertThat(grey(column, 0, 1)).isEqualTo(42); // (15+40+50)/2.5
    }

    @ParameterizedTest
    @EnumSource(Resampler.Filter.class)
    void aConstantImageStaysConstant(Resampler.Filter filter) {
        BufferedImage flat = TestImages.filled(37, 23, 0x8040C0);
        for (int[] size : new int[][] {{16, 16}, {64, 50}, {37, 23}, {5, 97}, {1, 1}}) {
            BufferedImage out = Resampler.resize(flat, size[0], size[1], filter, filter);
            assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    assertThat(out.getRGB(x, y) & 0xFFFFFF).as("%s %dx%d at (%d,%d)", filter, size[0], size[1], x, y).isEqualTo(0x8040C0);
                }
            }
        }
    }

    @Test
    void areaAveragingKeepsTheMeanOfARandomImage() {
        Random random = new Random(7);
        BufferedImage noise = new BufferedImage(600, 450, BufferedImage.TYPE_INT_RGB);
        double[] sum = new double[3];
        for (int y = 0; y < 450; y++) {
            for (int x = 0; x < 600; x++) {
                int rgb = random.nextInt(1 << 24);
                noise.setRGB(x, y, rgb);
                for (int c = 0; c < 3; c++) {
                    sum[c] += rgb >> (16 - 8 * c) & 0xff;
                }
            }
        }
        for (int[] size : new int[][] {{256, 192}, {256, 256}, {97, 61}}) { // ratios 2.34375, 1.7578 x 2.34375, non-integer
            BufferedImage small = Resampler.resize(noise, size[0], size[1]);
            double[] smallSum = new double[3];
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    int rgb = small.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        smallSum[c] += rgb >> (16 - 8 * c) & 0xff;
                    }
                }
            }
            for (int c = 0; c < 3; c++) {
                assertThat(smallSum[c] / (size[0] * size[1])).as("channel %d at %dx%d", c, size[0], size[1])
                        .isCloseTo(sum[c] / (600 * 450), within(0.5));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Resampler.Filter.class)
    void shrinkingAOnePixelCheckerboardGivesGreyNotMoire(Resampler.Filter filter) {
        // nearest-neighbour would return pure 0s and 255s here; a proper low-pass returns ~127
        BufferedImage board = new BufferedImage(525, 525, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 525; y++) {
            for (int x = 0; x < 525; x++) {
                board.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0);
            }
        }
        BufferedImage small = Resampler.resize(board, 256, 256, filter, filter);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                assertThat(grey(small, x, y)).as("(%d,%d)", x, y).isBetween(100, 155);
            }
        }
    }

    @Test
    void lanczosEnlargementInterpolatesARampAndKeepsTheImageSize() {
        int[] ramp = new int[32];
        for (int i = 0; i < 32; i++) {
            ramp[i] = 40 + 5 * i;
        }
        BufferedImage big = Resampler.resize(grey(32, 1, ramp), 128, 1);
        assertThat(big.getWidth()).isEqualTo(128);
        // output o is centred on source (o + 0.5) / 4 - 0.5; a linear ramp is reproduced away from the clamped edges
        for (int o = 16; o < 112; o++) {
            double source = (o + 0.5) / 4 - 0.5;
            assertThat(grey(big, o, 0)).as("o=%d", o).isCloseTo((int) Math.round(40 + 5 * source), within(1));
        }
    }

    @Test
    void enlargingAHardEdgeStaysWithinRange() {
        BufferedImage edge = grey(8, 1, new int[] {0, 0, 0, 0, 255, 255, 255, 255});
        BufferedImage big = Resampler.resize(edge, 64, 1); // Lanczos rings past 0 and 255; clamping keeps the extremes
        assertThat(grey(big, 0, 0)).isZero();
        assertThat(grey(big, 63, 0)).isEqualTo(255);
        assertThat(grey(big, 31, 0)).isBetween(100, 155);
    }

    @Test
    void areaTapsSumToOneAndSpanTheCoveredPixels() {
        Resampler.Taps area = Resampler.Taps.of(Resampler.Filter.AREA, 525, 256);
        for (int o = 0; o < 256; o++) {
            double sum = 0;
            for (int k = area.start()[o]; k < area.start()[o + 1]; k++) {
                sum += area.weight()[k];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
            assertThat(area.start()[o + 1] - area.start()[o]).isBetween(3, 4); // 2.05 pixels span 3 or 4 sources
        }
    }
}
