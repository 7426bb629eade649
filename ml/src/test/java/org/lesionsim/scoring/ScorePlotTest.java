package org.lesionsim.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart is a decodable PNG of the asked size, with each series drawn in its colour (headless, as in CI). */
class ScorePlotTest {

    @Test
    void writesAPngOfTheRequestedSizeWithBothSeriesDrawn(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("plot.png");
        double[] alpha = {0, 0.5, 1, 1.5, 2};
        ScorePlot.writePng(png, "title", "alpha", "score", alpha, List.of(
                new ScorePlot.Series("rising", new double[] {0, 1, 2, 3, 4}),
                new ScorePlot.Series("with a gap", new double[] {4, 3, Double.NaN, 1, 0})), 640, 400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(count(image, 0x1f77b4)).as("first series' blue").isGreaterThan(100);
        assertThat(count(image, 0xd62728)).as("second series' red").isGreaterThan(100);
    }

    @Test
    void aSeriesNotMeasuredAnywhereDrawsNoLineOnlyItsLegendEntry() {
        BufferedImage image = ScorePlot.render("title", "alpha", "score", new double[] {0, 1, 2}, List.of(
                new ScorePlot.Series("measured", new double[] {0, 1, 2}),
                new ScorePlot.Series("not configured", new double[] {Double.NaN, Double.NaN, Double.NaN})), 640, 400);
        assertThat(count(image, 0x1f77b4)).as("measured series' blue").isGreaterThan(100);
        assertThat(count(image, 0xd62728)).as("legend entry only").isBetween(1, 99);
    }

    @Test
    void aSeriesOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> ScorePlot.render("t", "x", "y", new double[] {0, 1},
                List.of(new ScorePlot.Series("short", new double[] {1})), 100, 100))
                .hasMessageContaining("short");
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
