package org.lesionsim.tools.metrics;

import org.lesionsim.tools.Commands;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.scoring.ScorePlot;
import org.lesionsim.scoring.ScoresCsv;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lesionsim.data.CsvTable;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.imaging.ImageDecoder;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.abcd.AbcdFeatures;
import org.lesionsim.metrics.abcd.AbcdResult;
import org.lesionsim.metrics.abcd.DermoscopicScorer;
import org.lesionsim.metrics.lpips.LpipsConfiguration;
import org.lesionsim.metrics.lpips.LpipsScorer;
import org.lesionsim.scoring.FrameScore;
import org.lesionsim.scoring.ProgressionScorer;
import org.lesionsim.scoring.ProgressionScores;
import org.lesionsim.sefa.AxisRanking;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark and report of the image scores; prints figures, asserts nothing.
 * <pre>
 * java -Dai.djl.offline=true -cp ... org.lesionsim.tools.metrics.ScoringReport --frames DIR --out DIR
 * java -Dai.djl.offline=true -cp ... org.lesionsim.tools.metrics.ScoringReport --images DIR --out DIR
 * </pre>
 * <ul>
 *   <li>{@code --frames DIR}: a rendered progression, {@code frame-<k>.png} (or .jpg) and optionally
 *       {@code alphas.json} (a JSON array, or an object with an {@code alphas} array, one α per frame;
 *       without it α = k). Scored by {@link ProgressionScorer} (LPIPS when {@link LpipsConfiguration}
 *       finds weights); writes {@code scores.csv} (one row per frame), {@code progression.json} (frames
 *       and summary), {@code similarity.png} and {@code abcd.png} (scores against α); prints Spearman's
 *       ρ of each score with α and whether the progression is monotone.
 *   <li>{@code --images DIR}: every PNG/JPEG under DIR (3 levels deep, e.g. HAM10000's part folders),
 *       ABCD features only; writes {@code scores.csv} (one row per image) and {@code abcd.png}. If DIR
 *       holds {@code HAM10000_metadata.csv} ({@code image_id}, {@code dx}), prints the AUC of the TDS
 *       for mel against nv.
 * </ul>
 * Both print the scoring time per image (decoding and writing excluded): median and mean wall time.
 * Progress goes to stderr; only aggregates go to stdout, never an image id or a patient attribute.
 */
@Command(name = "ScoringReport", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Scores of a rendered progression (--frames) or of a folder of images (--images).")
public final class ScoringReport implements Callable<Integer> {
    static final String METADATA = "HAM10000_metadata.csv";
    private static final Pattern FRAME = Pattern.compile("frame-(\\d+)\\.(png|jpe?g)", Pattern.CASE_INSENSITIVE);
    private static final int PLOT_WIDTH = 800;
    private static final int PLOT_HEIGHT = 500;

    /** Exactly one of the two inputs. */
    static final class Input {
        @Option(names = "--frames", required = true, paramLabel = "DIR", description = "a rendered progression, frame-<k>.png")
        private Path frames;
        @Option(names = "--images", required = true, paramLabel = "DIR", description = "every PNG/JPEG under DIR, ABCD only")
        private Path images;
    }

    @ArgGroup(multiplicity = "1")
    private Input input;
    @Option(names = "--out", required = true, paramLabel = "DIR")
    private Path out;

    public static void main(String[] args) {
        Commands.run(new ScoringReport(), args);
    }

    @Override
    public Integer call() throws IOException {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true"); // DJL must never phone home from here
        }
        Path frames = input.frames;
        Path images = input.images;
        Files.createDirectories(out);
        if (frames != null) {
            LpipsConfiguration lpips = LpipsConfiguration.fromEnvironment();
            if (lpips instanceof LpipsConfiguration.NotConfigured n) {
                System.err.println(n.reason());
                scoreFrames(frames, out, ProgressionScorer.withoutLpips(), System.out);
            } else {
                try (NDManager manager = NDManager.newBaseManager(); LpipsScorer scorer = LpipsScorer.open(lpips, manager)) {
                    scoreFrames(frames, out, new ProgressionScorer(scorer), System.out);
                }
            }
        } else {
            scoreImages(images, out, System.out);
        }
        return 0;
    }

    /** Scores a progression folder into {@code out}; returns the scores. */
    static ProgressionScores scoreFrames(Path folder, Path out, ProgressionScorer scorer, PrintStream report) throws IOException {
        List<Path> files = frameFiles(folder);
        List<Double> alphas = alphas(folder, files.size());
        List<PlanarImage> frames = new ArrayList<>();
        for (Path file : files) {
            frames.add(PlanarImage.fromBufferedImage(decode(file)));
        }
        ProgressBar bar = new ProgressBar("scoring frames", frames.size());
        List<Double> millis = new ArrayList<>();
        long[] last = {System.nanoTime()};
        ProgressionScores scores = scorer.score(frames, alphas, frame -> {
            long now = System.nanoTime();
            millis.add((now - last[0]) / 1e6);
            bar.step();
            last[0] = System.nanoTime();
        });
        bar.finish();

        List<String> header = new ArrayList<>(List.of("frame", "alpha", "file"));
        header.addAll(ProgressionScorer.SCORES.keySet());
        header.add("no_lesion_reason");
        ScoresCsv csv = new ScoresCsv(header);
        for (FrameScore f : scores.frames()) {
            List<Object> row = new ArrayList<>(List.of(f.frame(), f.alpha(), files.get(f.frame()).getFileName().toString()));
            ProgressionScorer.SCORES.values().forEach(score -> row.add(score.apply(f)));
            row.add(f.noLesionReason());
            csv.add(row);
        }
        csv.write(out.resolve("scores.csv"));
        JsonMappers.indented().writeValue(out.resolve("progression.json").toFile(), scores);

        double[] x = scores.frames().stream().mapToDouble(FrameScore::alpha).toArray();
        List<FrameScore> fs = scores.frames();
        ScorePlot.writePng(out.resolve("similarity.png"), "Distance to frame 0 along the edit", "alpha", "score", x, List.of(
                series(scores.summary().lpipsNotMeasured() == null ? "LPIPS" : "LPIPS (not configured)", fs, FrameScore::lpips),
                series("1 - MS-SSIM", fs, f -> 1 - f.msSsim()),
                series("1 - SSIM", fs, f -> 1 - f.ssim()),
                series("pixel L2 [-1,1]", fs, FrameScore::pixelL2)), PLOT_WIDTH, PLOT_HEIGHT);
        ScorePlot.writePng(out.resolve("abcd.png"), "ABCD rule along the edit", "alpha", "score", x, abcdSeries(fs),
                PLOT_WIDTH, PLOT_HEIGHT);

        PlanarImage first = frames.get(0);
        report.printf(Locale.ROOT, "%d frames of %dx%d from %s%n", frames.size(), first.width(), first.height(), folder);
        report.printf(Locale.ROOT, "scoring time per frame: median %.1f ms, mean %.1f ms (LPIPS %s, MS-SSIM %d scales, SSIM, L2, ABCD)%n",
                median(millis), mean(millis), scores.summary().lpipsNotMeasured() == null ? "measured" : "not configured",
                scores.summary().msSsimScales());
        report.println("Spearman rho with alpha:");
        scores.summary().spearmanWithAlpha().forEach((name, rho) ->
                report.printf(Locale.ROOT, "  %-16s %s%n", name, rho == null ? "undefined" : String.format(Locale.ROOT, "%+.3f", rho)));
        report.printf(Locale.ROOT, "monotone (rho(TDS, alpha) >= %.2f and TDS rises): %s%n",
                scores.summary().monotoneThreshold(), scores.summary().monotone());
        return scores;
    }

    /** Scores every image under {@code folder} into {@code out}; returns the number of images. */
    static int scoreImages(Path folder, Path out, PrintStream report) throws IOException {
        Path outAbsolute = out.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, 3)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbsolute))
                    .sorted(Comparator.comparing(p -> folder.relativize(p).toString()))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no PNG or JPEG images under " + folder);
        }
        Map<String, String> dx = diagnoses(folder);
        ScoresCsv csv = new ScoresCsv(List.of("image", "dx", "width", "height", "A", "asymmetry_index", "B", "compactness",
                "C", "D", "feret_px", "tds", "no_lesion_reason"));
        ProgressBar bar = new ProgressBar("scoring images", files.size());
        List<Double> millis = new ArrayList<>();
        List<Double> mel = new ArrayList<>();
        List<Double> nv = new ArrayList<>();
        double[][] abcd = new double[5][files.size()];
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage image = decode(file);
            long start = System.nanoTime();
            AbcdResult result = DermoscopicScorer.score(image, Optional.empty());
            millis.add((System.nanoTime() - start) / 1e6);
            String id = stem(file);
            String diagnosis = dx.get(id);
            List<Object> row = new ArrayList<>(List.of(folder.relativize(file).toString(), diagnosis == null ? "" : diagnosis,
                    image.getWidth(), image.getHeight()));
            if (result instanceof AbcdResult.Scored scored) {
                AbcdFeatures f = scored.abcd();
                double tds = f.totalDermoscopyScore();
                row.addAll(List.of(f.asymmetry().score(), f.asymmetry().meanIndex(), f.border().abruptSectors(),
                        f.border().compactness(), f.colours().count(), f.diameter().score(), f.diameter().feretPx(), tds));
                row.add(null);
                double[] parts = {f.asymmetry().score(), f.border().abruptSectors(), f.colours().count(), f.diameter().score(), tds};
                for (int k = 0; k < parts.length; k++) {
                    abcd[k][i] = parts[k];
                }
                if ("mel".equals(diagnosis)) {
                    mel.add(tds);
                } else if ("nv".equals(diagnosis)) {
                    nv.add(tds);
                }
            } else {
                row.addAll(Arrays.asList(null, null, null, null, null, null, null, null, ((AbcdResult.NoLesion) result).reason()));
                for (double[] part : abcd) {
                    part[i] = Double.NaN;
                }
            }
            csv.add(row);
            bar.step();
        }
        bar.finish();
        csv.write(out.resolve("scores.csv"));
        double[] x = new double[files.size()];
        Arrays.setAll(x, i -> i + 1);
        String[] names = {"A (0-2)", "B (0-8)", "C (0-6)", "D (1-5)", "TDS"};
        List<ScorePlot.Series> series = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            series.add(new ScorePlot.Series(names[k], abcd[k]));
        }
        ScorePlot.writePng(out.resolve("abcd.png"), "ABCD rule per image", "image", "score", x, series, PLOT_WIDTH, PLOT_HEIGHT);

        long noLesion = Arrays.stream(abcd[4]).filter(Double::isNaN).count();
        report.printf(Locale.ROOT, "%d images from %s; no lesion found in %d%n", files.size(), folder, noLesion);
        report.printf(Locale.ROOT, "scoring time per image: median %.1f ms, mean %.1f ms (ABCD: segmentation + features)%n",
                median(millis), mean(millis));
        if (!dx.isEmpty()) {
            if (mel.isEmpty() || nv.isEmpty()) {
                report.printf(Locale.ROOT, "AUC of TDS, mel vs nv: needs both classes (mel %d, nv %d scored)%n", mel.size(), nv.size());
            } else {
                report.printf(Locale.ROOT, "AUC of TDS, mel vs nv: %.3f (mel %d, nv %d scored)%n",
                        AxisRanking.auc(toArray(mel), toArray(nv)), mel.size(), nv.size());
            }
        }
        return files.size();
    }

    private static List<Path> frameFiles(Path folder) throws IOException {
        List<Path> frames;
        try (Stream<Path> list = Files.list(folder)) {
            frames = list.filter(p -> FRAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(ScoringReport::frameNumber))
                    .toList();
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frame-<k>.png in " + folder);
        }
        return frames;
    }

    private static int frameNumber(Path file) {
        Matcher m = FRAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("not a frame: " + file);
        }
        return Integer.parseInt(m.group(1));
    }

    /** α per frame from {@code alphas.json}, or the frame order when there is none. */
    static List<Double> alphas(Path folder, int frames) throws IOException {
        Path file = folder.resolve("alphas.json");
        List<Double> alphas = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            for (int i = 0; i < frames; i++) {
                alphas.add((double) i);
            }
            return alphas;
        }
        JsonNode root = JsonMappers.compact().readTree(file.toFile());
        JsonNode array = root.isArray() ? root : root.path("alphas");
        if (!array.isArray()) {
            throw new IllegalArgumentException(file + " is neither a JSON array nor an object with an 'alphas' array");
        }
        array.forEach(v -> alphas.add(v.asDouble()));
        if (alphas.size() != frames) {
            throw new IllegalArgumentException(file + " has " + alphas.size() + " α values for " + frames + " frames");
        }
        return alphas;
    }

    /** image_id → dx from HAM10000's metadata CSV in {@code folder}, empty when there is none. */
    private static Map<String, String> diagnoses(Path folder) {
        Path csv = folder.resolve(METADATA);
        Map<String, String> dx = new HashMap<>();
        if (!Files.isRegularFile(csv)) {
            return dx;
        }
        CsvTable table = CsvTable.read(csv);
        int id = table.column("image_id", "names the image file");
        int diagnosis = table.column("dx", "the diagnosis, mel or nv for the AUC");
        for (CsvTable.Row row : table.rows()) {
            dx.put(row.get(id), row.get(diagnosis).toLowerCase(Locale.ROOT));
        }
        return dx;
    }

    private static BufferedImage decode(Path file) throws IOException {
        return new ImageDecoder().decode(Files.readAllBytes(file)).image();
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static ScorePlot.Series series(String name, List<FrameScore> frames, Function<FrameScore, Number> score) {
        return new ScorePlot.Series(name, frames.stream().mapToDouble(f -> {
            Number v = score.apply(f);
            return v == null ? Double.NaN : v.doubleValue();
        }).toArray());
    }

    private static List<ScorePlot.Series> abcdSeries(List<FrameScore> fs) {
        return List.of(series("A (0-2)", fs, FrameScore::asymmetry), series("B (0-8)", fs, FrameScore::border),
                series("C (0-6)", fs, FrameScore::colours), series("D (1-5)", fs, FrameScore::diameter),
                series("TDS", fs, FrameScore::tds));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(List<Double> values) {
        double[] v = toArray(values);
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
