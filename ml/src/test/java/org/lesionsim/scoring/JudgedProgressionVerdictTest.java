package org.lesionsim.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.gan.DjlTestBase;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.judge.FeatureTypicality;
import org.lesionsim.judge.JudgeConfiguration;
import org.lesionsim.judge.LesionClassifier;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.judge.RealismFeatures;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.lpips.LpipsConfiguration;
import org.lesionsim.metrics.lpips.LpipsScorer;

/**
 * With a judge configured (a tiny untrained one, with a real range fitted on synthetic lesions) every
 * condition is judged: the verdict is credible or not credible, never "not configured", and a
 * not-credible verdict names its failed conditions.
 */
class JudgedProgressionVerdictTest extends DjlTestBase {
    private static final int RES = 32;

    @Test
    void aConfiguredJudgeGivesACredibleOrNotCredibleVerdictWithItsConditionsNamed(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("judge.safetensors");
        try (LesionClassifier net = LesionClassifier.create(new LesionClassifier.Config(RES, List.of(4, 8)), manager, 3)) {
            net.save(weights);
            List<float[]> fit = new ArrayList<>();
            List<float[]> held = new ArrayList<>();
            for (int seed = 0; seed < 48; seed++) {
                float[] chw = GanPixels.toMinusOneToOne(LesionRenderer.render(seed, (seed % 8) / 8.0, RES, RES).image());
                (seed % 3 == 0 ? held : fit).add(features(net, chw));
            }
            FeatureTypicality gaussian = FeatureTypicality.fit(fit, FeatureTypicality.DEFAULT_SHRINKAGE);
            FeatureTypicality typicality = gaussian.withRange(held.stream().mapToDouble(gaussian::distance).toArray(), 0.95);
            JsonMappers.compact().writeValue(dir.resolve(MelanomaJudge.REALISM).toFile(), typicality.reference());
        }

        List<PlanarImage> frames = new ArrayList<>();
        List<Double> alphas = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            frames.add(PlanarImage.fromBufferedImage(LesionRenderer.render(42, i / 4.0, 64, 64).image()));
            alphas.add(0.75 * i);
        }
        try (MelanomaJudge judge = MelanomaJudge.open(new JudgeConfiguration.Configured(weights), manager)) {
            ProgressionScores scores = ProgressionScorer.withoutLpips().score(frames, alphas); // no judge: not configured
            assertThat(scores.verdict().status()).isEqualTo(ProgressionVerdict.Status.NOT_CONFIGURED);

            ProgressionScores judged = new ProgressionScorer(LpipsScorer.open(new LpipsConfiguration.NotConfigured("not here"), null), judge).score(frames, alphas);
            assertThat(judged.frames()).allSatisfy(f -> {
                assertThat(f.pMel()).isBetween(0.0, 1.0);
                assertThat(f.realistic()).isNotNull();
            });
            // What a calibrated walk stops on reads each frame as the verdict's scores do.
            List<java.awt.image.BufferedImage> images = new ArrayList<>();
            for (int i = 0; i <= 4; i++) {
                images.add(LesionRenderer.render(42, i / 4.0, 64, 64).image());
            }
            images.add(new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB)); // no lesion
            List<org.lesionsim.progression.WalkStop.FrameReading> readings = org.lesionsim.progression.FrameReadings.read(judge, images);
            List<PlanarImage> planes = images.stream().map(PlanarImage::fromBufferedImage).toList();
            List<FrameScore> scored = new ProgressionScorer(LpipsScorer.open(new LpipsConfiguration.NotConfigured("not here"), null),
                    judge).score(planes, List.of(0.0, 0.75, 1.5, 2.25, 3.0, 3.75)).frames();
            for (int i = 0; i < images.size(); i++) {
                assertThat(readings.get(i).pMel()).as("frame %d", i).isEqualTo(scored.get(i).pMel());
                assertThat(readings.get(i).withinRealRange()).as("frame %d", i).isEqualTo(scored.get(i).realistic());
                assertThat(readings.get(i).lesionFound()).as("frame %d", i).isEqualTo(scored.get(i).lesionFound());
            }
            assertThat(readings.get(5).lesionFound()).isFalse();
            assertThat(readings.subList(0, 5)).anyMatch(org.lesionsim.progression.WalkStop.FrameReading::lesionFound);

            ProgressionVerdict verdict = judged.verdict();
            assertThat(verdict.status()).isIn(ProgressionVerdict.Status.CREDIBLE, ProgressionVerdict.Status.NOT_CREDIBLE);
            assertThat(verdict.notJudged()).isNull();
            if (verdict.status() == ProgressionVerdict.Status.NOT_CREDIBLE) {
                assertThat(verdict.failed()).isNotEmpty().allSatisfy(f -> assertThat(f.detail()).isNotBlank());
            } else {
                assertThat(verdict.failed()).isEmpty();
            }
        }
    }

    private static float[] features(LesionClassifier net, float[] chw) {
        try (NDManager step = manager.newSubManager()) {
            LesionClassifier.Evaluation e = net.evaluate(step.create(chw, new Shape(1, 3, RES, RES)));
            return RealismFeatures.of(e.features()[0], chw);
        }
    }
}
