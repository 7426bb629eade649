package org.lesionsim.gan.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.gan.StateDict;

/** The training loop end to end on tiny networks: exact resume, ADA's feedback, bounded memory. */
class TrainingLoopTest {
    static NDManager manager;
    static ImageDataset dataset;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        dataset = ImageDataset.fromImages(TinyTraining.discs(6), TinyTraining.RES, true);
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /**
     * Train 4 steps through {@link TrainingLoop#train()} (which snapshots at the end), then one more;
     * a loop resumed from the snapshot takes a bit-identical fifth step. The fifth step runs every
     * phase (Greg, Dreg every 2) with p > 0 (ADA moved it after step 3) and one minibatch of ADA
     * statistics pending in the checkpoint.
     */
    @Test
    void resumeFromSnapshotContinuesBitIdentically(@TempDir Path out) throws Exception {
        TrainingOptions options = TinyTraining.options().withAda(-1.0, 3, 0.02)
                .withTotalKimg(0.016).withTicks(0.008, 0);
        Map<String, float[]> expected;
        double expectedP;
        Path snapshot;
        List<TrainingListener.TickReport> ticks = new ArrayList<>();
        try (TrainingLoop loop = TrainingLoop.create(options, TinyTraining.generator(), TinyTraining.discriminator(),
                dataset, out, manager)) {
            loop.addListener(ticks::add);
            loop.train();
            assertThat(loop.stepCount()).isEqualTo(4);
            assertThat(loop.augmentP()).isGreaterThan(0);
            snapshot = TrainingLoop.latestSnapshot(out).orElseThrow();
            loop.step();
            expected = tensors(loop);
            expectedP = loop.augmentP();
        }
        assertThat(ticks).extracting(TrainingListener.TickReport::tick).containsExactly(1, 2);
        assertThat(ticks.get(1).kimg()).isEqualTo(0.016);
        assertThat(ticks.get(1).r1()).isFinite();
        for (String file : List.of(TrainingLoop.GENERATOR, TrainingLoop.GENERATOR_EMA, TrainingLoop.DISCRIMINATOR,
                TrainingLoop.OPTIMIZER, TrainingLoop.STATE, TrainingLoop.SAMPLES)) {
            assertThat(snapshot.resolve(file)).exists();
        }
        BufferedImage grid = ImageIO.read(snapshot.resolve(TrainingLoop.SAMPLES).toFile());
        assertThat(grid.getWidth()).isEqualTo(4 * TinyTraining.RES);

        try (TrainingLoop resumed = TrainingLoop.resume(snapshot, dataset, manager)) {
            assertThat(resumed.stepCount()).isEqualTo(4);
            resumed.step();
            Map<String, float[]> actual = tensors(resumed);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((name, values) -> assertThat(actual.get(name)).as(name).containsExactly(values));
            assertThat(resumed.augmentP()).isEqualTo(expectedP);
        }
    }

    /**
     * Fine-tuning from a shipped G_ema: G and G_ema start as its weights exactly, kimg counts on from
     * the given start, and a step moves G (D is trained against it from scratch).
     */
    @Test
    void fineTuneStartsFromTheGivenGeneratorAndCountsOn(@TempDir Path out) throws Exception {
        Path weights;
        Map<String, float[]> shipped = new LinkedHashMap<>();
        try (TrainingLoop loop = TrainingLoop.create(TinyTraining.options(), TinyTraining.generator(),
                TinyTraining.discriminator(), dataset, out.resolve("first"), manager)) {
            loop.step();
            weights = loop.snapshot().resolve(TrainingLoop.GENERATOR_EMA);
            put(shipped, "", loop.generatorEma().stateDict());
        }
        try (TrainingLoop tuned = TrainingLoop.fineTune(TinyTraining.options(), weights, 94_000,
                TinyTraining.discriminator(), dataset, out.resolve("tuned"), manager)) {
            Map<String, float[]> g = new LinkedHashMap<>();
            Map<String, float[]> gEma = new LinkedHashMap<>();
            put(g, "", tuned.generator().stateDict());
            put(gEma, "", tuned.generatorEma().stateDict());
            shipped.forEach((name, values) -> {
                assertThat(g.get(name)).as("G " + name).containsExactly(values);
                assertThat(gEma.get(name)).as("G_ema " + name).containsExactly(values);
            });
            assertThat(tuned.nimg()).isEqualTo(94_000);
            tuned.step();
            assertThat(tuned.nimg()).isGreaterThan(94_000);
            Map<String, float[]> after = new LinkedHashMap<>();
            put(after, "", tuned.generator().stateDict());
            assertThat(after.entrySet()).anySatisfy(e ->
                    assertThat(e.getValue()).isNotEqualTo(shipped.get(e.getKey())));
        }
    }

    /** Resuming on other data is refused: the checkpoint records the dataset's content hash. */
    @Test
    void resumeRefusesAnotherDataset(@TempDir Path out) throws Exception {
        Path snapshot;
        try (TrainingLoop loop = TrainingLoop.create(TinyTraining.options(), TinyTraining.generator(),
                TinyTraining.discriminator(), dataset, out, manager)) {
            loop.step();
            snapshot = loop.snapshot();
        }
        ImageDataset other = ImageDataset.fromImages(TinyTraining.discs(5), TinyTraining.RES, true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingLoop.resume(snapshot, other, manager))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trained on data");
    }

    @Test
    void resumeRefusesTheSameImagesWithoutTheirMirrors(@TempDir Path out) throws Exception {
        Path snapshot;
        try (TrainingLoop loop = TrainingLoop.create(TinyTraining.options(), TinyTraining.generator(),
                TinyTraining.discriminator(), dataset, out, manager)) {
            loop.step();
            snapshot = loop.snapshot();
        }
        assertThat(TrainingLoop.mirrorOf(snapshot)).isEqualTo(dataset.xflip());
        ImageDataset flipped = ImageDataset.fromImages(TinyTraining.discs(6), TinyTraining.RES, !dataset.xflip());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingLoop.resume(snapshot, flipped, manager))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mirror");
    }

    /** D that calls every real image real (r_t = 1 > 0.6) makes ADA raise p. */
    @Test
    void adaRaisesPWhenDiscriminatorOverfits(@TempDir Path out) {
        assertThat(pAfterSteps(out, +20f)).isGreaterThan(0);
    }

    /** D that calls every real image fake (r_t = -1 < 0.6) never reaches the target: p stays 0. */
    @Test
    void adaKeepsPAtZeroBelowTarget(@TempDir Path out) {
        assertThat(pAfterSteps(out, -20f)).isZero();
    }

    /** 8 steps, ADA every 2 minibatches, p moving by 0.1 per adjustment, D's output bias forced to {@code bias}. */
    private static double pAfterSteps(Path out, float bias) {
        TrainingOptions options = TinyTraining.options().withRegularisation(0, 16, 0, 4).withAda(0.6, 2, 0.08);
        try (TrainingLoop loop = TrainingLoop.create(options, TinyTraining.generator(), TinyTraining.discriminator(),
                dataset, out, manager)) {
            NDArray outBias = loop.discriminator().stateDict().get("b4.out.bias");
            outBias.set(new float[] {bias});
            for (int i = 0; i < 8; i++) {
                loop.step();
            }
            return loop.augmentP();
        }
    }

    /** A step frees everything it allocates: after warm-up, 30 steps leave the live array count unchanged. */
    @Test
    void stepsDoNotAccumulateNativeArrays(@TempDir Path out) {
        try (TrainingLoop loop = TrainingLoop.create(TinyTraining.options(), TinyTraining.generator(),
                TinyTraining.discriminator(), dataset, out, manager)) {
            for (int i = 0; i < 4; i++) {
                loop.step();
            }
            int before = loop.liveArrays();
            for (int i = 0; i < 30; i++) {
                loop.step();
            }
            assertThat(loop.liveArrays()).isEqualTo(before);
        }
    }

    private static Map<String, float[]> tensors(TrainingLoop loop) {
        Map<String, float[]> out = new LinkedHashMap<>();
        put(out, "G.", loop.generator().stateDict());
        put(out, "G_ema.", loop.generatorEma().stateDict());
        put(out, "D.", loop.discriminator().stateDict());
        return out;
    }

    private static void put(Map<String, float[]> out, String prefix, StateDict params) {
        for (String name : params.names()) {
            out.put(prefix + name, params.get(name).toFloatArray());
        }
    }
}
