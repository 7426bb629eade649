package org.lesionsim.progression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames land unchanged side by side in α order, each over a labelled band. */
class ProgressionStripTest {

    static BufferedImage frame(int seed) {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (seed * 97 + x * 31 + y * 17) * 2654435761L > 0 ? (seed * 40 + x * 3 + y) & 0xffffff : 0x123456);
            }
        }
        return img;
    }

    @Test
    void framesAreCopiedUnchangedIntoTheirColumnsWithALabelBandBelow() {
        List<BufferedImage> frames = List.of(frame(1), frame(2), frame(3));
        BufferedImage strip = ProgressionStrip.compose(frames, List.of(0.0, 1.5, -3.0));
        assertThat(strip.getWidth()).isEqualTo(3 * 64);
        assertThat(strip.getHeight()).isGreaterThan(64);
        for (int k = 0; k < 3; k++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    assertThat(strip.getRGB(k * 64 + x, y)).isEqualTo(frames.get(k).getRGB(x, y));
                }
            }
            int black = 0;
            for (int y = 64; y < strip.getHeight(); y++) {
                for (int x = k * 64; x < (k + 1) * 64; x++) {
                    black += (strip.getRGB(x, y) & 0xffffff) == 0 ? 1 : 0;
                }
            }
            assertThat(black).as("label of frame %d is drawn", k).isPositive();
        }
    }

    @Test
    void labelsShowAlphaWithoutTrailingZeros() {
        assertThat(ProgressionStrip.label(0.0)).isEqualTo("α=0");
        assertThat(ProgressionStrip.label(-0.0)).isEqualTo("α=0");
        assertThat(ProgressionStrip.label(2.0)).isEqualTo("α=2");
        assertThat(ProgressionStrip.label(-1.5)).isEqualTo("α=-1.5");
        assertThat(ProgressionStrip.label(0.1 + 0.2)).isEqualTo("α=0.3");
    }

    @Test
    void oneAlphaPerFrameIsRequired() {
        assertThatThrownBy(() -> ProgressionStrip.compose(List.of(frame(1)), List.of(0.0, 1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
