package org.lesionsim.tools.gan;

import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.gan.training.TinyTraining;
import org.lesionsim.gan.training.TrainingLoop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.fid.FidConfiguration;
import org.lesionsim.metrics.fid.FidScorer;

/** Scoring every snapshot of a run: order, selection, honesty about FID, and the files written. */
class TrainingCurveTest {

    @Test
    void scoresEverySnapshotInKimgOrderAndSaysFidIsNotConfigured(@TempDir Path run) throws Exception {
        ImageDataset dataset = ImageDataset.fromImages(TinyTraining.discs(8), TinyTraining.RES, false);
        List<TrainingCurve.Row> rows = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                FidScorer fid = FidScorer.open(new FidConfiguration.NotConfigured("FID is not configured: test"), manager)) {
            try (TrainingLoop loop = TrainingLoop.create(TinyTraining.options(), TinyTraining.generator(),
                    TinyTraining.discriminator(), dataset, run, manager)) {
                loop.snapshot();
                loop.step();
                loop.step();
                loop.snapshot();
            }
            List<Path> snapshots = TrainingLoop.snapshots(run);
            assertThat(snapshots).hasSize(2);
            List<PlanarImage> real = TrainingCurve.realImages(dataset, 0, 0);
            assertThat(real).hasSize(8);
            for (Path snapshot : snapshots) {
                rows.add(TrainingCurve.measure(snapshot, real, 0, fid, manager));
            }
            // The same snapshot and seed give the same numbers: the curve moves only with the weights.
            TrainingCurve.Row again = TrainingCurve.measure(snapshots.get(1), real, 0, fid, manager);
            assertThat(again.fidelity().metrics()).isEqualTo(rows.get(1).fidelity().metrics());
        }
        assertThat(rows).extracting(TrainingCurve.Row::kimg).containsExactly(0.0, 0.008);
        for (TrainingCurve.Row row : rows) {
            assertThat(row.fidelity().metrics()).containsKeys("swd", "swd_16").doesNotContainKeys("fid", "kid");
            assertThat(row.fidelity().metrics().get("swd")).isFinite().isPositive();
            assertThat(row.fidelity().notMeasured()).containsExactly("FID is not configured: test");
        }
        // Two steps of Adam at lr 0.0025 moved G_ema a little: the two rows are not one number repeated.
        assertThat(rows.get(1).fidelity().metrics().get("swd")).isNotEqualTo(rows.get(0).fidelity().metrics().get("swd"));

        TrainingCurve.writeCsv(run.resolve(TrainingCurve.CSV), rows);
        List<String> csv = Files.readAllLines(run.resolve(TrainingCurve.CSV));
        assertThat(csv.get(0)).isEqualTo("snapshot,kimg,swd,swd_16");
        assertThat(csv).hasSize(3);
        assertThat(csv.get(2)).startsWith("snapshot-000000008,0.008,");
        TrainingCurve.writePlot(run.resolve(TrainingCurve.PLOT), rows);
        assertThat(run.resolve(TrainingCurve.PLOT)).isNotEmptyFile();
    }

    @Test
    void everySelectsMultiplesAndKeepsTheNewest(@TempDir Path run) throws Exception {
        ImageDataset dataset = ImageDataset.fromImages(TinyTraining.discs(4), TinyTraining.RES, false);
        try (NDManager manager = NDManager.newBaseManager();
                TrainingLoop loop = TrainingLoop.create(TinyTraining.options(), TinyTraining.generator(),
                        TinyTraining.discriminator(), dataset, run, manager)) {
            for (int i = 0; i < 3; i++) {
                loop.step();
                loop.snapshot(); // nimg 4, 8, 12
            }
        }
        List<Path> all = TrainingLoop.snapshots(run);
        assertThat(all).extracting(p -> p.getFileName().toString())
                .containsExactly("snapshot-000000004", "snapshot-000000008", "snapshot-000000012");
        assertThat(TrainingCurve.select(all, 0.008)).extracting(p -> p.getFileName().toString())
                .containsExactly("snapshot-000000008", "snapshot-000000012");
        assertThat(TrainingCurve.select(all, 0)).isEqualTo(all);
        assertThat(TrainingLoop.latestSnapshot(run)).contains(all.get(2));
    }

    @Test
    void realImagesAreTheDataSetsUnmirroredPixels() {
        ImageDataset dataset = ImageDataset.fromImages(TinyTraining.discs(3), TinyTraining.RES, true);
        PlanarImage first = dataset.image(0);
        int rgb = TinyTraining.discs(3).get(0).getRGB(8, 8);
        assertThat(first.get(0, 8, 8)).isCloseTo(((rgb >> 16) & 0xff) / 255f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(TrainingCurve.realImages(dataset, 2, 5)).hasSize(2);
        assertThat(TrainingCurve.realImages(dataset, 10, 5)).hasSize(3); // never the mirrors
    }
}
