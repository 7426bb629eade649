package org.lesionsim.metrics.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.metrics.GaussianStats;
import org.lesionsim.metrics.PlanarImage;

/** FidConfiguration's rules and FidScorer end to end; the numbers come from random weights, so they are no FID. */
class FidScorerTest {
    @TempDir
    static Path dir;
    static Path weights;
    static NDManager manager;

    @BeforeAll
    static void writeWeights() throws Exception {
        weights = RandomInceptionWeights.write(dir.resolve("random-inception.safetensors"), 11);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void withoutAWeightsFileTheScorerAnswersNotConfiguredAndNoNumber() throws Exception {
        FidConfiguration configuration = FidConfiguration.fromSettings(null, null);
        assertThat(configuration).isInstanceOf(FidConfiguration.NotConfigured.class);
        try (FidScorer scorer = FidScorer.open(configuration, manager)) {
            FidResult result = scorer.score(List.of(), List.of());
            assertThat(result).isInstanceOf(FidResult.NotConfigured.class);
            assertThat(((FidResult.NotConfigured) result).reason())
                    .contains(FidConfiguration.PROPERTY).contains("export_inception_weights.py");
        }
    }

    @Test
    void aMissingFileOrMissingChecksumIsNotConfigured() throws Exception {
        assertThat(FidConfiguration.fromSettings(dir.resolve("absent.safetensors").toString(), null))
                .isInstanceOfSatisfying(FidConfiguration.NotConfigured.class, n -> assertThat(n.reason()).contains("does not exist"));
        Path unsummed = Files.copy(weights, dir.resolve("unsummed.safetensors"));
        assertThat(FidConfiguration.fromSettings(unsummed.toString(), null))
                .isInstanceOfSatisfying(FidConfiguration.NotConfigured.class, n -> assertThat(n.reason()).contains("SHA-256"));
    }

    @Test
    void theChecksumComesFromTheSideFileAndAMismatchIsAnErrorAtOpen() throws Exception {
        String actual = InceptionWeightFile.sha256(weights);
        Files.writeString(dir.resolve("random-inception.safetensors.sha256"), actual + "  random-inception.safetensors\n");
        assertThat(FidConfiguration.fromSettings(weights.toString(), null))
                .isEqualTo(new FidConfiguration.Configured(weights, actual));

        String wrong = "0".repeat(64);
        FidConfiguration tampered = FidConfiguration.fromSettings(weights.toString(), wrong);
        assertThatThrownBy(() -> FidScorer.open(tampered, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(actual).hasMessageContaining(wrong);
    }

    /**
     * Pipeline test on random weights: resize, normalise, network, statistics, FID and KID wired
     * together. One 2048-d FID costs ~25 s on 2 cores (two 2048² eigen-decompositions), so the other
     * set is told apart on its features rather than by a second FID.
     */
    @Test
    void pipelineOnRandomWeightsGivesZeroForASetAgainstItself() throws Exception {
        FidConfiguration configuration = new FidConfiguration.Configured(weights, InceptionWeightFile.sha256(weights));
        List<PlanarImage> lesions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lesions.add(FidInceptionV3Test.lesion(100 + i, i / 5.0));
        }
        try (FidScorer scorer = FidScorer.open(configuration, FidResize.CLEAN_BICUBIC, 75, manager);
             InceptionFeatureExtractor extractor = InceptionFeatureExtractor.load(weights, FidResize.CLEAN_BICUBIC, 75, manager)) {
            FidResult.Measured self = (FidResult.Measured) scorer.score(lesions, lesions);
            double[][] covariance = GaussianStats.of(extractor.features(lesions)).covariance();
            double trace = 0;
            for (int i = 0; i < covariance.length; i++) {
                trace += covariance[i][i];
            }
            assertThat(trace).as("features vary across the set").isPositive();
            assertThat(self.fid().meanTerm()).isZero();
            assertThat(Math.abs(self.fid().distance())).isLessThan(1e-6 * trace);
            assertThat(self.kid().mean()).isLessThan(1e-6 * trace);
            assertThat(self.realCount()).isEqualTo(6);
            assertThat(self.inputSize()).isEqualTo(75);

            // the same network tells a different set apart: their mean features differ
            Random random = new Random(3);
            List<PlanarImage> noise = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                float[] v = new float[3 * 64 * 64];
                for (int k = 0; k < v.length; k++) {
                    v[k] = random.nextFloat();
                }
                noise.add(new PlanarImage(3, 64, 64, v));
            }
            double[] a = GaussianStats.of(extractor.features(lesions)).mean();
            double[] b = GaussianStats.of(extractor.features(noise)).mean();
            double meanTerm = 0;
            for (int i = 0; i < a.length; i++) {
                meanTerm += (a[i] - b[i]) * (a[i] - b[i]);
            }
            assertThat(meanTerm).isGreaterThan(1e-3 * trace);
        }
    }
}
