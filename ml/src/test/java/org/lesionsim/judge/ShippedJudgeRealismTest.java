package org.lesionsim.judge;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.lesionsim.gan.Generator;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.progression.ProgressionAxisFile;
import org.lesionsim.progression.ProgressionRenderer;
import org.lesionsim.sefa.LayerSelection;

/**
 * The realism flag with the shipped models (models/, in this repository): it stays quiet on the
 * held-out real lesions and their reconstructions that the encoder's card shows
 * ({@code reconstructions.png}: 8 held-out images above, their reconstructions below), and it fires
 * on a frame walked far outside the data (α = 50 along the shipped axis from the average latent).
 */
class ShippedJudgeRealismTest {
    private static final Path MODELS = Path.of("..", "models");

    @Test
    void heldOutRealLesionsAndTheirReconstructionsAreWithinTheRealRangeAndAlpha50IsNot() throws Exception {
        Path weights = MODELS.resolve("ham10000-judge64/judge.safetensors");
        try (NDManager manager = NDManager.newBaseManager();
             MelanomaJudge judge = MelanomaJudge.open(JudgeConfiguration.fromSettings(weights.toString()), manager)) {
            BufferedImage grid = ImageIO.read(MODELS.resolve("ham10000-e4e64/reconstructions.png").toFile());
            List<MelanomaJudge.Reading> real = new ArrayList<>();
            List<MelanomaJudge.Reading> reconstructed = new ArrayList<>();
            for (int k = 0; k < grid.getWidth() / 64; k++) {
                real.add(judge.read(PlanarImage.fromBufferedImage(grid.getSubimage(64 * k, 0, 64, 64))));
                reconstructed.add(judge.read(PlanarImage.fromBufferedImage(grid.getSubimage(64 * k, 64, 64, 64))));
            }
            assertThat(real).hasSize(8).allMatch(MelanomaJudge.Reading::withinRealRange);
            assertThat(reconstructed).as("held-out reconstructions: " + reconstructed).allMatch(MelanomaJudge.Reading::withinRealRange);

            Generator g = Generator.load(MODELS.resolve("ham10000-g64/generator_ema.safetensors"), manager);
            ProgressionAxisFile axis = ProgressionAxisFile.read(Files.readAllBytes(MODELS.resolve("ham10000-g64/progression-axis.json")));
            float[] wAvg = g.wAvg().toFloatArray();
            float[][] wPlus = new float[g.numWs()][];
            for (int i = 0; i < wPlus.length; i++) {
                wPlus[i] = wAvg.clone();
            }
            List<BufferedImage> frames = ProgressionRenderer.render(g, wPlus, axis.direction(), LayerSelection.parse(axis.layers()),
                    List.of(0.0, 50.0), manager);
            MelanomaJudge.Reading start = judge.read(PlanarImage.fromBufferedImage(frames.get(0)));
            MelanomaJudge.Reading far = judge.read(PlanarImage.fromBufferedImage(frames.get(1)));
            System.out.println("realism distances: real " + real.stream().map(r -> String.format("%.2f", r.featureDistance())).toList()
                    + ", reconstructions " + reconstructed.stream().map(r -> String.format("%.2f", r.featureDistance())).toList()
                    + ", w_avg alpha 0: " + String.format("%.2f", start.featureDistance()) + ", alpha 50: " + String.format("%.2f", far.featureDistance()));
            assertThat(start.withinRealRange()).as("the average lesion: " + start).isTrue();
            assertThat(far.withinRealRange()).as("alpha = 50: " + far).isFalse();
            assertThat(far.featureDistance()).isGreaterThan(real.stream().mapToDouble(MelanomaJudge.Reading::featureDistance).max()
                    .orElseThrow());
        }
    }
}
