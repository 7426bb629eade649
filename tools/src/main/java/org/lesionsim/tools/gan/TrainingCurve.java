package org.lesionsim.tools.gan;

import org.lesionsim.tools.Commands;
import org.lesionsim.data.CsvTable;
import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.gan.training.TrainingLoop;
import org.lesionsim.gan.training.TrainingState;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorSamples;
import org.lesionsim.metrics.GeneratorFidelity;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.fid.FidConfiguration;
import org.lesionsim.metrics.fid.FidScorer;
import org.lesionsim.scoring.ScorePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The curve StyleGAN2-ADA's {@code metric-fid50k_full.jsonl} draws: every snapshot of a training
 * run scored against the real images ({@link GeneratorFidelity}: SWD always, FID and KID when the
 * Inception weights are configured), so one sees whether more kimg still helps. In: a run folder
 * of {@code snapshot-*} directories and the folder of training PNGs. Out: one row per snapshot,
 * {@code training-curve.csv} and {@code training-curve.png} (SWD per level and mean against kimg).
 *
 * <p>Usage: {@code --run DIR --data DIR [--images N (all)] [--every KIMG] [--seed 0] [--out DIR (the run)]}.
 * The same seed draws the same generated latents for every snapshot, as the reference's metrics do.
 * Run with {@code -Dai.djl.offline=true}.
 */
@Command(name = "TrainingCurve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Every snapshot of a training run scored against the real images (SWD; FID and KID when configured).")
public final class TrainingCurve implements Callable<Integer> {
    public static final String CSV = "training-curve.csv";
    public static final String PLOT = "training-curve.png";

    /** One snapshot's scores. */
    public record Row(Path snapshot, double kimg, GeneratorFidelity.Result fidelity) {
    }

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "the run's folder of snapshot-*")
    private Path run;
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the training PNGs")
    private Path data;
    @Option(names = "--images", paramLabel = "N", description = "real images to score against (0: all)")
    private int images;
    @Option(names = "--every", paramLabel = "KIMG", description = "score a snapshot every KIMG (0: every snapshot)")
    private double every;
    @Option(names = "--seed", description = "draws the same generated latents for every snapshot")
    private long seed;
    @Option(names = "--out", paramLabel = "DIR", description = "where the CSV and plot go (default: --run)")
    private Path out;

    public static void main(String[] args) {
        Commands.run(new TrainingCurve(), args);
    }

    @Override
    public Integer call() throws IOException {
        Path out = this.out != null ? this.out : run;
        List<Path> snapshots = select(TrainingLoop.snapshots(run), every);
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("no snapshot-* with a training state under " + run);
        }
        try (NDManager manager = NDManager.newBaseManager();
                FidScorer fid = FidScorer.open(FidConfiguration.fromEnvironment(), manager)) {
            TrainingState first = TrainingLoop.state(snapshots.get(0));
            ImageDataset dataset = ImageDataset.fromFolder(data, first.generator().resolution(), false);
            if (!first.datasetHash().equals(dataset.contentHash())) {
                System.out.println("note: " + data + " is not the data set this run trained on (content hash differs)");
            }
            List<PlanarImage> real = realImages(dataset, images, seed);
            List<Row> rows = new ArrayList<>();
            for (Path snapshot : snapshots) {
                Row row = measure(snapshot, real, seed, fid, manager);
                rows.add(row);
                System.out.printf(Locale.ROOT, "kimg %8.3f  %s  (%.1f s)%n", row.kimg(), row.fidelity().metrics(),
                        (row.fidelity().samplingMs() + row.fidelity().swdMs() + row.fidelity().fidMs()) / 1000);
            }
            Files.createDirectories(out);
            writeCsv(out.resolve(CSV), rows);
            writePlot(out.resolve(PLOT), rows);
            System.out.println(rows.get(0).fidelity().describe());
            System.out.println("wrote " + out.resolve(CSV) + " and " + out.resolve(PLOT));
        }
        return 0;
    }

    /** The snapshots whose kimg is a multiple of {@code every} (all when ≤ 0), and always the newest. */
    static List<Path> select(List<Path> snapshots, double every) throws IOException {
        if (every <= 0 || snapshots.isEmpty()) {
            return snapshots;
        }
        long step = Math.round(every * 1000);
        List<Path> out = new ArrayList<>();
        for (Path snapshot : snapshots) {
            long nimg = TrainingLoop.nimgOf(snapshot);
            if (nimg % step == 0 || snapshot.equals(snapshots.get(snapshots.size() - 1))) {
                out.add(snapshot);
            }
        }
        return out;
    }

    /** {@code count} images of the data set (all when ≤ 0 or more than there are), drawn by {@code seed}. */
    static List<PlanarImage> realImages(ImageDataset dataset, int count, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < dataset.imageCount(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int n = count <= 0 ? order.size() : Math.min(count, order.size());
        List<PlanarImage> out = new ArrayList<>(n);
        for (int i : order.subList(0, n)) {
            out.add(dataset.image(i));
        }
        return out;
    }

    /** One snapshot's EMA generator against {@code real}; its networks live only for the call. */
    public static Row measure(Path snapshot, List<PlanarImage> real, long seed, FidScorer fid, NDManager manager)
            throws IOException {
        try (NDManager scope = manager.newSubManager()) {
            Generator generator = Generator.load(snapshot.resolve(TrainingLoop.GENERATOR_EMA), scope);
            return new Row(snapshot, TrainingLoop.nimgOf(snapshot) / 1000.0,
                    GeneratorFidelity.measure(generator.resolution(),
                            GeneratorSamples.sampler(generator, scope), real, seed, fid));
        }
    }

    /** kimg and every metric any row measured (empty where a row did not). */
    static void writeCsv(Path file, List<Row> rows) throws IOException {
        Set<String> names = metricNames(rows);
        List<List<String>> csv = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("snapshot", "kimg"));
        header.addAll(names);
        csv.add(header);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.snapshot().getFileName().toString(),
                    String.format(Locale.ROOT, "%.3f", row.kimg())));
            for (String name : names) {
                Double value = row.fidelity().metrics().get(name);
                cells.add(value == null ? "" : String.format(Locale.ROOT, "%.6g", value));
            }
            csv.add(cells);
        }
        CsvTable.write(file, csv);
    }

    /** SWD (mean and per level) against kimg; FID has its own scale, so it is left to the CSV. */
    static void writePlot(Path file, List<Row> rows) throws IOException {
        double[] kimg = rows.stream().mapToDouble(Row::kimg).toArray();
        List<ScorePlot.Series> series = new ArrayList<>();
        for (String name : metricNames(rows)) {
            if (name.startsWith("swd")) {
                series.add(new ScorePlot.Series(name, rows.stream()
                        .mapToDouble(r -> r.fidelity().metrics().getOrDefault(name, Double.NaN)).toArray()));
            }
        }
        ScorePlot.writePng(file, "SWD x1e3 of G_ema against the training images", "kimg", "SWD x1e3", kimg, series,
                720, 420);
    }

    private static Set<String> metricNames(List<Row> rows) {
        Set<String> names = new TreeSet<>();
        rows.forEach(row -> names.addAll(row.fidelity().metrics().keySet()));
        return names;
    }
}
