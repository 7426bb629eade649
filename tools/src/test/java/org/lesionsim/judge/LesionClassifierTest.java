package org.lesionsim.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.data.synthetic.SyntheticCase;
import org.lesionsim.data.synthetic.SyntheticCohort;
import org.lesionsim.gan.DjlTestBase;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.tools.judge.TrainLesionClassifier;

/** The judge learns nv vs mel from images alone, and its files and reliability figures are exact. */
class LesionClassifierTest extends DjlTestBase {

    /**
     * Trained briefly on synthetic lesions, the judge separates held-out melanomas from nevi: the
     * held-out lesions are other lesions (split by lesion id), so it cannot have memorised them.
     */
    @Test
    void separatesHeldOutSyntheticMelanomaFromNevus(@TempDir Path dir) throws Exception {
        List<SyntheticCase> cohort = SyntheticCohort.plan(120, 7, 0.5);
        List<ClassifierTraining.Example> train = new ArrayList<>();
        List<ClassifierTraining.Example> held = new ArrayList<>();
        for (SyntheticCase c : cohort) {
            float[] chw = GanPixels.toMinusOneToOne(LesionRenderer.render(c.lesionSeed(), c.progressionT(), 32, 32, c.view()).image());
            boolean heldOut = Math.floorMod(c.lesionId().hashCode(), 4) == 0;
            (heldOut ? held : train).add(new ClassifierTraining.Example(chw, c.dx().equals("mel")));
        }
        assertThat(held).extracting(ClassifierTraining.Example::melanoma).contains(true, false);
        LesionClassifier.Config config = new LesionClassifier.Config(32, List.of(8, 16, 16));
        try (LesionClassifier net = LesionClassifier.create(config, manager, 1)) {
            List<Double> losses = new ArrayList<>();
            ClassifierTraining.fit(net, train, new ClassifierTraining.Options(12, 16, 3e-3, 1), manager,
                    (epoch, loss) -> losses.add(loss));
            assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
            double[] p = TrainLesionClassifier.predict(net, held.stream().map(ClassifierTraining.Example::chw).toList(), manager);
            boolean[] y = new boolean[held.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = held.get(i).melanoma();
            }
            assertThat(Calibration.of(p, y, 10).auc()).isGreaterThan(0.85);

            // Realism: the real range from held-out images flags an image no lesion photo looks like,
            // and not the held-out lesions themselves (beyond the quantile's share).
            List<float[]> trainImages = train.stream().map(ClassifierTraining.Example::chw).toList();
            List<float[]> heldImages = held.stream().map(ClassifierTraining.Example::chw).toList();
            FeatureTypicality typicality = FeatureTypicality.fit(TrainLesionClassifier.realismFeatures(
                    TrainLesionClassifier.evaluate(net, trainImages, manager), trainImages), FeatureTypicality.DEFAULT_SHRINKAGE);
            double[] distances = TrainLesionClassifier.realismFeatures(TrainLesionClassifier.evaluate(net, heldImages, manager),
                    heldImages).stream().mapToDouble(typicality::distance).toArray();
            FeatureTypicality ranged = typicality.withRange(distances, 0.95);
            assertThat(Arrays.stream(distances).filter(d -> !ranged.withinRealRange(d)).count())
                    .isLessThanOrEqualTo(Math.round(0.05 * distances.length) + 1);
            float[] magenta = held.get(0).chw().clone();
            for (int i = 0; i < magenta.length; i++) {
                int channel = i / (32 * 32);
                magenta[i] = channel == 1 ? -1f : 1f; // a flat magenta square: no skin, no lesion
            }
            float[] odd = TrainLesionClassifier.realismFeatures(TrainLesionClassifier.evaluate(net, List.of(magenta), manager),
                    List.of(magenta)).get(0);
            assertThat(ranged.withinRealRange(ranged.distance(odd))).as("distance %.2f vs range %.2f",
                    ranged.distance(odd), ranged.reference().threshold()).isFalse();

            Path file = dir.resolve("judge.safetensors");
            net.save(file);
            try (LesionClassifier loaded = LesionClassifier.load(file, manager)) {
                assertThat(loaded.config()).isEqualTo(config);
                double[] again = TrainLesionClassifier.predict(loaded, held.stream().map(ClassifierTraining.Example::chw).toList(), manager);
                assertThat(again).containsExactly(p);
            }
        }
    }

    /**
     * The judge as the metrics read it: a configured file gives P(mel) per frame (resized to its
     * resolution when the frame is larger), a missing one says "not configured" and gives no number.
     */
    @Test
    void judgeScoresFramesOrSaysItIsNotConfigured(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("judge.safetensors");
        try (LesionClassifier net = LesionClassifier.create(new LesionClassifier.Config(32, List.of(4, 8)), manager, 3)) {
            net.save(file);
        }
        java.awt.image.BufferedImage lesion = LesionRenderer.render(5, 0.9, 64, 64).image();
        org.lesionsim.metrics.PlanarImage frame = org.lesionsim.metrics.PlanarImage.fromBufferedImage(lesion);
        try (MelanomaJudge judge = MelanomaJudge.open(JudgeConfiguration.fromSettings(file.toString()), manager)) {
            assertThat(judge.notConfiguredReason()).isNull();
            Double p = judge.pMel(frame);
            assertThat(p).isBetween(0.0, 1.0);
            assertThat(judge.pMel(frame)).isEqualTo(p);
        }
        JudgeConfiguration missing = JudgeConfiguration.fromSettings(dir.resolve("absent.safetensors").toString());
        assertThat(missing).isInstanceOf(JudgeConfiguration.NotConfigured.class);
        try (MelanomaJudge judge = MelanomaJudge.open(missing, manager)) {
            assertThat(judge.pMel(frame)).isNull();
            assertThat(judge.notConfiguredReason()).contains("not configured").contains("absent.safetensors");
        }
        assertThat(JudgeConfiguration.fromSettings("")).isInstanceOf(JudgeConfiguration.NotConfigured.class);
    }

    @Test
    void calibrationOfKnownPredictions() {
        double[] p = {0.05, 0.15, 0.95, 0.85, 0.55, 0.45};
        boolean[] y = {false, false, true, true, false, true};
        Calibration c = Calibration.of(p, y, 10);
        assertThat(c.auc()).isCloseTo(8.0 / 9.0, within(1e-12)); // one mis-ordered pair of nine
        double brier = (0.05 * 0.05 + 0.15 * 0.15 + 0.05 * 0.05 + 0.15 * 0.15 + 0.55 * 0.55 + 0.55 * 0.55) / 6;
        assertThat(c.brier()).isCloseTo(brier, within(1e-12));
        assertThat(c.bins()).hasSize(10);
        assertThat(c.bins().get(9).count()).isEqualTo(1);
        assertThat(c.bins().get(9).observed()).isEqualTo(1.0);
        // every bin holds one prediction: ECE = mean |y - p|
        assertThat(c.ece()).isCloseTo((0.05 + 0.15 + 0.05 + 0.15 + 0.55 + 0.55) / 6, within(1e-12));
    }

    /** The 8 augmentations are the symmetries of the square: each a permutation, all distinct, four quarter-turns the identity. */
    @Test
    void dihedralAugmentationsArePermutations() {
        int side = 5;
        float[] img = new float[3 * side * side];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        List<String> seen = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            float[] out = new float[img.length];
            ClassifierTraining.Dihedral.apply(img, side, k, out, 0);
            float[] sorted = out.clone();
            Arrays.sort(sorted);
            assertThat(sorted).containsExactly(img);
            seen.add(Arrays.toString(out));
        }
        assertThat(seen).doesNotHaveDuplicates();
        float[] turned = img.clone();
        for (int r = 0; r < 4; r++) {
            float[] next = new float[img.length];
            ClassifierTraining.Dihedral.apply(turned, side, 1, next, 0);
            turned = next;
        }
        assertThat(turned).containsExactly(img);
    }
}
