package org.lesionsim.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.metrics.PlanarImage;

/** Without weights LPIPS says so, with the path and the script to run, and never gives a number. */
class LpipsConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void unsetSettingsAreNotConfiguredAndSayHowToFixIt() {
        LpipsConfiguration config = LpipsConfiguration.fromSettings(null, null);
        assertThat(config).isInstanceOf(LpipsConfiguration.NotConfigured.class);
        String reason = ((LpipsConfiguration.NotConfigured) config).reason();
        assertThat(reason).contains("lesionsim.lpips.weights", "LESIONSIM_LPIPS_WEIGHTS", "tools/export_lpips_weights.py");
    }

    @Test
    void missingFileIsNotConfiguredNamingThePath() {
        Path absent = dir.resolve("nowhere/lpips-alex.safetensors");
        LpipsConfiguration config = LpipsConfiguration.fromSettings(absent.toString(), "alex");
        assertThat(config).isInstanceOf(LpipsConfiguration.NotConfigured.class);
        assertThat(((LpipsConfiguration.NotConfigured) config).reason())
                .contains(absent.toString(), "does not exist", "tools/export_lpips_weights.py");
    }

    @Test
    void existingFileAndBackboneAreConfigured() throws IOException {
        Path file = RandomLpipsWeights.write(dir.resolve("vgg.safetensors"), Backbone.ALEX, 3);
        assertThat(LpipsConfiguration.fromSettings(file.toString(), "vgg16"))
                .isEqualTo(new LpipsConfiguration.Configured(file, Backbone.VGG16));
        assertThat(LpipsConfiguration.fromSettings(file.toString(), null))
                .isEqualTo(new LpipsConfiguration.Configured(file, Backbone.ALEX));
        assertThat(LpipsConfiguration.fromSettings(file.toString(), "resnet"))
                .isInstanceOf(LpipsConfiguration.NotConfigured.class);
    }

    @Test
    void scorerWithoutWeightsAnswersNotConfiguredNotANumber() throws IOException {
        PlanarImage x = new PlanarImage(3, 8, 8, new float[3 * 8 * 8]);
        LpipsConfiguration config = LpipsConfiguration.optional(dir.resolve("absent.safetensors"), Backbone.ALEX);
        try (NDManager manager = NDManager.newBaseManager(); LpipsScorer scorer = LpipsScorer.open(config, manager)) {
            PerceptualScore score = scorer.score(x, x);
            assertThat(score).isInstanceOf(PerceptualScore.NotConfigured.class);
            assertThat(((PerceptualScore.NotConfigured) score).reason()).contains("absent.safetensors");
        }
    }

    @Test
    void scorerWithWeightsMeasures() throws IOException {
        Path file = RandomLpipsWeights.write(dir.resolve("alex.safetensors"), Backbone.ALEX, 4);
        float[] grey = new float[3 * 64 * 64];
        java.util.Arrays.fill(grey, 0.5f);
        float[] ramp = new float[3 * 64 * 64];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (i % 64) / 63f;
        }
        PlanarImage a = new PlanarImage(3, 64, 64, grey);
        PlanarImage b = new PlanarImage(3, 64, 64, ramp);
        try (NDManager manager = NDManager.newBaseManager();
                LpipsScorer scorer = LpipsScorer.open(LpipsConfiguration.optional(file, Backbone.ALEX), manager)) {
            PerceptualScore score = scorer.score(a, b);
            assertThat(score).isInstanceOf(PerceptualScore.Measured.class);
            assertThat(((PerceptualScore.Measured) score).value()).isPositive();
        }
    }
}
