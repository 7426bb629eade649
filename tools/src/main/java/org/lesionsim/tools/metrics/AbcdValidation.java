package org.lesionsim.tools.metrics;

import org.lesionsim.tools.Commands;
import org.lesionsim.metrics.abcd.AbcdFeatures;
import org.lesionsim.metrics.abcd.AbcdResult;
import org.lesionsim.metrics.abcd.Correlation;
import org.lesionsim.metrics.abcd.DermoscopicScorer;
import org.lesionsim.metrics.abcd.LesionSegmentation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.lesionsim.data.ham10000.Ham10000Dataset;
import org.lesionsim.data.ham10000.Ham10000Record;
import org.lesionsim.data.synthetic.LesionGroundTruth;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.data.synthetic.SyntheticLesion;
import org.lesionsim.imaging.ImageDecoder;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.sefa.AxisRanking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Benchmark of the ABCD scorer; prints figures, asserts nothing.
 * <ol>
 *   <li>Agreement with synthetic ground truth: N lesions ({@link LesionRenderer}, seeds S..S+N−1,
 *       t = i/(N−1) evenly over [0, 1]) at each size; per feature Pearson and Spearman against the
 *       generator's truth, measured on the segmentation and, to tell measuring from segmenting
 *       errors, on the painted mask; segmentation IoU; TDS against t and its AUC for t ≥ 0.5
 *       (the generator's melanoma label).
 *   <li>Real dermoscopy (optional folder in HAM10000's layout): AUC of the TDS alone, and of each
 *       part, for melanoma against nevus (Mann–Whitney, {@link AxisRanking#auc}); images where no
 *       lesion is found are counted and left out.
 *   <li>Scoring time per image (segmentation + features, decoding and rendering excluded): median
 *       CPU time of the scoring thread, which a busy machine disturbs less than wall time, and median wall time.
 * </ol>
 * Only aggregates are printed, never an image id or a patient attribute.
 * <pre>
 * java -cp ... org.lesionsim.tools.metrics.AbcdValidation [--synthetic N] [--sizes 64x64,256x256,600x450] [--seed S] [HAM_FOLDER]
 * </pre>
 */
@Command(name = "AbcdValidation", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "ABCD features against synthetic ground truth, and the TDS's AUC on real dermoscopy.")
public final class AbcdValidation implements Callable<Integer> {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP = 5;

    /** One synthetic lesion as measured, next to its truth. */
    private record SyntheticRow(LesionGroundTruth truth, AbcdFeatures measured, AbcdFeatures onPaintedMask, double iou) {
    }

    /** One real image's features and label. */
    private record RealRow(boolean melanoma, AbcdFeatures features) {
    }

    @Option(names = "--synthetic", paramLabel = "N", description = "synthetic lesions per size")
    private int count = 200;
    @Option(names = "--seed")
    private long seed = 1;
    @Option(names = "--sizes", paramLabel = "WxH,WxH")
    private String sizes = "64x64,256x256,600x450";
    @Parameters(index = "0", arity = "0..1", paramLabel = "HAM_FOLDER", description = "real dermoscopy in HAM10000's layout")
    private Path folder;

    public static void main(String[] args) {
        Commands.run(new AbcdValidation(), args);
    }

    @Override
    public Integer call() throws Exception {
        for (int[] size : Arrays.stream(sizes.split(",")).map(AbcdValidation::size).toList()) {
            synthetic(count, seed, size[0], size[1]);
        }
        if (folder != null) {
            real(folder);
        }
        return 0;
    }

    private static int[] size(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static void synthetic(int count, long seed, int width, int height) {
        for (int i = 0; i < WARM_UP; i++) {
            DermoscopicScorer.score(LesionRenderer.render(seed - 1 - i, 0.5, width, height).image(), Optional.empty());
        }
        List<SyntheticRow> rows = new ArrayList<>();
        List<Double> cpuMs = new ArrayList<>();
        List<Double> wallMs = new ArrayList<>();
        int noLesion = 0;
        for (int i = 0; i < count; i++) {
            double t = count == 1 ? 0.5 : (double) i / (count - 1);
            SyntheticLesion lesion = LesionRenderer.render(seed + i, t, width, height);
            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            AbcdResult result = DermoscopicScorer.score(lesion.image(), Optional.empty());
            cpuMs.add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
            wallMs.add((System.nanoTime() - wall) / 1e6);
            if (!(result instanceof AbcdResult.Scored scored)) {
                noLesion++;
                continue;
            }
            BinaryMask painted = lesion.mask();
            LesionSegmentation.Result seg = scored.segmentation();
            AbcdFeatures onPainted = DermoscopicScorer.measure(painted, seg.lab(), seg.skinLab(), Optional.empty());
            rows.add(new SyntheticRow(lesion.groundTruth(), scored.abcd(), onPainted, iou(painted, seg.mask())));
        }
        System.out.printf(Locale.ROOT, "%nSynthetic lesions: %d at %dx%d, seeds %d..%d, t = i/%d over [0, 1]; no lesion found in %d%n",
                count, width, height, seed, seed + count - 1, Math.max(1, count - 1), noLesion);
        if (rows.size() < 3) {
            System.out.println("  too few lesions scored to correlate");
            return;
        }
        double[] iou = column(rows, SyntheticRow::iou);
        System.out.printf(Locale.ROOT, "  segmentation IoU with the painted mask: mean %.3f, min %.3f%n",
                Arrays.stream(iou).average().orElse(Double.NaN), Arrays.stream(iou).min().orElse(Double.NaN));
        System.out.printf("  %-36s %-26s %9s %9s   %s%n", "feature (measured)", "ground truth", "Pearson", "Spearman", "on painted mask: Pearson / Spearman");
        // the generator's asymmetry is the mean fraction of the area left unmatched by a fold, half the mirror (XOR) index
        agreement(rows, "A mean mirror index / 2", "asymmetry (fold)", f -> f.asymmetry().meanIndex() / 2, g -> g.asymmetry());
        agreement(rows, "A score (0-2)", "asymmetry (fold)", f -> f.asymmetry().score(), g -> g.asymmetry());
        agreement(rows, "B compactness", "border irregularity", f -> f.border().compactness(), g -> g.borderIrregularity());
        agreement(rows, "B abrupt sectors (0-8)", "border irregularity", f -> f.border().abruptSectors(), g -> g.borderIrregularity());
        agreement(rows, "B abrupt sectors (0-8)", "t", f -> f.border().abruptSectors(), g -> g.progressionT());
        agreement(rows, "C colour count", "colour count", f -> f.colours().count(), g -> g.colourCount());
        agreement(rows, "D greatest diameter (px)", "greatest diameter (px)", f -> f.diameter().feretPx(), g -> g.diameterPx());
        agreement(rows, "TDS", "t", AbcdFeatures::totalDermoscopyScore, g -> g.progressionT());

        long exact = rows.stream().filter(r -> r.measured().colours().count() == r.truth().colourCount()).count();
        long withinOne = rows.stream().filter(r -> Math.abs(r.measured().colours().count() - r.truth().colourCount()) <= 1).count();
        long sameSet = rows.stream().filter(r -> r.measured().colours().present().equals(Set.copyOf(r.truth().colours()))).count();
        System.out.printf(Locale.ROOT, "  C: count exact in %.1f %%, within one in %.1f %%, the same set of colours in %.1f %%%n",
                100.0 * exact / rows.size(), 100.0 * withinOne / rows.size(), 100.0 * sameSet / rows.size());
        double[] relative = rows.stream().mapToDouble(r -> (r.measured().diameter().feretPx() - r.truth().diameterPx()) / r.truth().diameterPx()).toArray();
        double[] sorted = Arrays.stream(relative).map(Math::abs).sorted().toArray();
        System.out.printf(Locale.ROOT, "  D: relative error mean %+.2f %%, |error| median %.2f %%, 95th percentile %.2f %%, max %.2f %%%n",
                100 * Arrays.stream(relative).average().orElse(Double.NaN), 100 * sorted[sorted.length / 2],
                100 * sorted[(int) Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))], 100 * sorted[sorted.length - 1]);
        double[] melTds = rows.stream().filter(r -> r.truth().dx().equals("mel")).mapToDouble(r -> r.measured().totalDermoscopyScore()).toArray();
        double[] nvTds = rows.stream().filter(r -> !r.truth().dx().equals("mel")).mapToDouble(r -> r.measured().totalDermoscopyScore()).toArray();
        if (melTds.length > 0 && nvTds.length > 0) {
            System.out.printf(Locale.ROOT, "  TDS AUC, t >= %.1f (mel, %d) against t < %.1f (nv, %d): %.3f%n", LesionGroundTruth.MELANOMA_FROM_T,
                    melTds.length, LesionGroundTruth.MELANOMA_FROM_T, nvTds.length, AxisRanking.auc(melTds, nvTds));
        }
        System.out.printf(Locale.ROOT, "  scoring time per %dx%d image: median %.1f ms CPU, %.1f ms wall%n", width, height, median(cpuMs), median(wallMs));
    }

    private static void agreement(List<SyntheticRow> rows, String feature, String truth, ToDoubleFunction<AbcdFeatures> measure,
                                  ToDoubleFunction<LesionGroundTruth> groundTruth) {
        double[] g = rows.stream().mapToDouble(r -> groundTruth.applyAsDouble(r.truth())).toArray();
        double[] m = rows.stream().mapToDouble(r -> measure.applyAsDouble(r.measured())).toArray();
        double[] p = rows.stream().mapToDouble(r -> measure.applyAsDouble(r.onPaintedMask())).toArray();
        System.out.printf(Locale.ROOT, "  %-36s %-26s %9.3f %9.3f   %.3f / %.3f%n", feature, truth, Correlation.pearson(m, g),
                Correlation.spearman(m, g), Correlation.pearson(p, g), Correlation.spearman(p, g));
    }

    private static void real(Path folder) {
        Ham10000Dataset dataset = Ham10000Dataset.open(folder).withClasses(List.of("mel", "nv"));
        ImageDecoder decoder = new ImageDecoder();
        List<RealRow> rows = new ArrayList<>();
        List<Double> cpuMs = new ArrayList<>();
        List<Double> wallMs = new ArrayList<>();
        int noLesionMel = 0;
        int noLesionNv = 0;
        int warmed = 0;
        for (Ham10000Record record : dataset.records()) {
            BufferedImage image;
            try {
                image = decoder.decode(Files.readAllBytes(record.image())).image();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read an image of " + folder, e);
            }
            boolean melanoma = record.dx().equals("mel");
            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            AbcdResult result = DermoscopicScorer.score(image, Optional.empty());
            if (warmed++ >= WARM_UP) {
                cpuMs.add((THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
                wallMs.add((System.nanoTime() - wall) / 1e6);
            }
            if (result instanceof AbcdResult.Scored scored) {
                rows.add(new RealRow(melanoma, scored.abcd()));
            } else if (melanoma) {
                noLesionMel++;
            } else {
                noLesionNv++;
            }
        }
        long mel = rows.stream().filter(RealRow::melanoma).count();
        System.out.printf(Locale.ROOT, "%nReal images: %d (mel %d, nv %d) from %s; no lesion found in %d mel and %d nv, left out%n",
                dataset.records().size(), mel + noLesionMel, rows.size() - mel + noLesionNv, folder, noLesionMel, noLesionNv);
        if (mel == 0 || mel == rows.size()) {
            System.out.println("  both classes are needed for an AUC");
            return;
        }
        System.out.printf("  %-36s %9s %12s %12s%n", "score", "AUC", "mean mel", "mean nv");
        realAuc(rows, "TDS (1.3A + 0.1B + 0.5C + 0.5D)", AbcdFeatures::totalDermoscopyScore);
        realAuc(rows, "A score (0-2)", f -> f.asymmetry().score());
        realAuc(rows, "A mean mirror index", f -> f.asymmetry().meanIndex());
        realAuc(rows, "B abrupt sectors (0-8)", f -> f.border().abruptSectors());
        realAuc(rows, "B compactness", f -> f.border().compactness());
        realAuc(rows, "C colour count", f -> f.colours().count());
        realAuc(rows, "D diameter score (assumed scale)", f -> f.diameter().score());
        realAuc(rows, "greatest diameter (px)", f -> f.diameter().feretPx());
        System.out.printf(Locale.ROOT, "  scoring time per image: median %.1f ms CPU, %.1f ms wall%n", median(cpuMs), median(wallMs));
    }

    private static void realAuc(List<RealRow> rows, String name, ToDoubleFunction<AbcdFeatures> score) {
        double[] mel = rows.stream().filter(RealRow::melanoma).mapToDouble(r -> score.applyAsDouble(r.features())).toArray();
        double[] nv = rows.stream().filter(r -> !r.melanoma()).mapToDouble(r -> score.applyAsDouble(r.features())).toArray();
        System.out.printf(Locale.ROOT, "  %-36s %9.3f %12.3f %12.3f%n", name, AxisRanking.auc(mel, nv),
                Arrays.stream(mel).average().orElse(Double.NaN), Arrays.stream(nv).average().orElse(Double.NaN));
    }

    private static double iou(BinaryMask a, BinaryMask b) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < a.width() * a.height(); i++) {
            if (a.get(i) && b.get(i)) {
                both++;
            }
            if (a.get(i) || b.get(i)) {
                either++;
            }
        }
        return either == 0 ? 1 : (double) both / either;
    }

    private static double[] column(List<SyntheticRow> rows, ToDoubleFunction<SyntheticRow> f) {
        return rows.stream().mapToDouble(f).toArray();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }
}
