package org.lesionsim.tools.judge;

import org.lesionsim.tools.Ham10000Folder;
import org.lesionsim.tools.Commands;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.data.CsvTable;
import org.lesionsim.judge.Calibration;
import org.lesionsim.judge.ClassifierTraining;
import org.lesionsim.judge.FeatureTypicality;
import org.lesionsim.judge.LesionClassifier;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.judge.RealismFeatures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.lesionsim.data.ham10000.Ham10000Dataset;
import org.lesionsim.data.ham10000.Ham10000Record;
import org.lesionsim.data.ham10000.LesionSplit;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.ImagePreprocessor;
import org.lesionsim.imaging.PreprocessingConfig;
import org.lesionsim.scoring.ScorePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the independent judge on a HAM10000-layout folder (nv and mel), with the preprocess
 * worker's recipe at the pipeline's resolution, and says how good it is without flattering it:
 * k-fold cross-validation **by lesion** (no lesion's images on both sides), out-of-fold
 * probabilities pooled into one AUC, a Brier score and a reliability curve; then a final model on
 * all the images, which is what ships.
 *
 * <p>Usage: {@code --ham10000 DIR --out DIR [--resolution 64] [--folds 5] [--epochs 30] [--batch 32]
 * [--lr 0.001] [--seed 0]}. Writes {@code judge.safetensors} (+ {@code judge.json}),
 * {@code realism.json} ({@link FeatureTypicality}: the real images' feature Gaussian and the real
 * range, from out-of-fold distances), {@code cross-validation.json}, {@code calibration.csv}/{@code .png}
 * and {@code folds.csv} (image id → fold, out-of-fold P(mel) and feature distance, so later work can
 * keep its folds apart from the judge's).
 */
@Command(name = "TrainLesionClassifier", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Trains the independent judge (nv vs mel), cross-validated by lesion, and writes a models/ folder.")
public final class TrainLesionClassifier implements Callable<Integer> {
    public static final String WEIGHTS = "judge.safetensors";
    /** The real range ends where 99% of held-out real images lie. */
    public static final double REAL_RANGE_QUANTILE = 0.99;

    @Mixin
    private Ham10000Folder ham10000;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the judge's models/ folder")
    private Path out;
    @Option(names = "--resolution", paramLabel = "N", description = "the preprocess worker's resolution")
    private int resolution = 64;
    @Option(names = "--folds", paramLabel = "K", description = "cross-validation folds, by lesion")
    private int k = 5;
    @Option(names = "--epochs", paramLabel = "N")
    private int epochs = 30;
    @Option(names = "--batch", paramLabel = "N")
    private int batch = 32;
    @Option(names = "--lr", paramLabel = "X")
    private double lr = 0.001;
    @Option(names = "--seed")
    private long seed;

    public static void main(String[] args) {
        Commands.run(new TrainLesionClassifier(), args);
    }

    @Override
    public Integer call() throws IOException {
        ClassifierTraining.Options options = new ClassifierTraining.Options(epochs, batch, lr, seed);
        Ham10000Dataset dataset = ham10000.open();
        Files.createDirectories(out);

        PreprocessingConfig config = PreprocessingConfig.research(resolution);
        Map<String, ClassifierTraining.Example> examples = new LinkedHashMap<>();
        for (Ham10000Record r : dataset.records()) {
            byte[] png = ImagePreprocessor.preprocess(Files.readAllBytes(r.image()), config).png();
            examples.put(r.imageId(), new ClassifierTraining.Example(
                    GanPixels.toMinusOneToOne(ImageIO.read(new ByteArrayInputStream(png))), r.dx().equals("mel")));
        }
        List<List<Ham10000Record>> folds = LesionSplit.folds(dataset.records(), k, seed);
        System.out.printf(Locale.ROOT, "%d images, %d folds by lesion (%s), %s%n", examples.size(), k,
                folds.stream().map(f -> String.valueOf(f.size())).reduce((a, b) -> a + "/" + b).orElse(""), options);

        Map<String, Double> outOfFold = new LinkedHashMap<>();
        Map<String, Double> outOfFoldDistance = new LinkedHashMap<>();
        Map<String, Integer> foldOf = new LinkedHashMap<>();
        List<Double> foldAucs = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int f = 0; f < k; f++) {
                List<ClassifierTraining.Example> train = new ArrayList<>();
                for (int g = 0; g < k; g++) {
                    if (g != f) {
                        folds.get(g).forEach(r -> train.add(examples.get(r.imageId())));
                    }
                }
                List<Ham10000Record> held = folds.get(f);
                int fold = f;
                try (LesionClassifier net = LesionClassifier.create(LesionClassifier.Config.standard(resolution), manager,
                        seed + f)) {
                    long t0 = System.nanoTime();
                    ClassifierTraining.fit(net, train, options, manager, (epoch, loss) -> {
                        if ((epoch + 1) % 10 == 0) {
                            System.out.printf(Locale.ROOT, "fold %d epoch %d loss %.4f%n", fold, epoch + 1, loss);
                        }
                    });
                    LesionClassifier.Evaluation heldOut = evaluate(net,
                            held.stream().map(r -> examples.get(r.imageId()).chw()).toList(), manager);
                    List<float[]> trainImages = train.stream().map(ClassifierTraining.Example::chw).toList();
                    FeatureTypicality typicality = FeatureTypicality.fit(
                            realismFeatures(evaluate(net, trainImages, manager), trainImages), FeatureTypicality.DEFAULT_SHRINKAGE);
                    List<float[]> heldImages = held.stream().map(r -> examples.get(r.imageId()).chw()).toList();
                    List<float[]> heldRealism = realismFeatures(heldOut, heldImages);
                    double[] p = toDoubles(heldOut.probabilities());
                    boolean[] y = new boolean[held.size()];
                    for (int i = 0; i < held.size(); i++) {
                        outOfFold.put(held.get(i).imageId(), p[i]);
                        outOfFoldDistance.put(held.get(i).imageId(), typicality.distance(heldRealism.get(i)));
                        foldOf.put(held.get(i).imageId(), f);
                        y[i] = examples.get(held.get(i).imageId()).melanoma();
                    }
                    double auc = Calibration.of(p, y, 10).auc();
                    foldAucs.add(auc);
                    System.out.printf(Locale.ROOT, "fold %d: %d train, %d held out, AUC %.3f (%.0f s)%n", f, train.size(),
                            held.size(), auc, (System.nanoTime() - t0) / 1e9);
                }
            }
            double[] p = outOfFold.values().stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] y = new boolean[p.length];
            int i = 0;
            for (String id : outOfFold.keySet()) {
                y[i++] = examples.get(id).melanoma();
            }
            Calibration cv = Calibration.of(p, y, 10);
            double mean = foldAucs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double sd = Math.sqrt(foldAucs.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / Math.max(1, k - 1));
            System.out.printf(Locale.ROOT, "cross-validated (%d-fold by lesion, out-of-fold): AUC %.3f (folds %.3f ± %.3f),"
                    + " Brier %.4f, ECE %.4f%n", k, cv.auc(), mean, sd, cv.brier(), cv.ece());
            writeCalibration(out, cv);
            writeFolds(out, dataset.records(), foldOf, outOfFold, outOfFoldDistance);
            double[] heldOutDistances = outOfFoldDistance.values().stream().mapToDouble(Double::doubleValue).toArray();

            try (LesionClassifier finalNet = LesionClassifier.create(LesionClassifier.Config.standard(resolution), manager,
                    seed + k)) {
                ClassifierTraining.fit(finalNet, new ArrayList<>(examples.values()), options, manager, (epoch, loss) -> {
                    if ((epoch + 1) % 10 == 0) {
                        System.out.printf(Locale.ROOT, "final epoch %d loss %.4f%n", epoch + 1, loss);
                    }
                });
                finalNet.save(out.resolve(WEIGHTS));
                List<float[]> all = examples.values().stream().map(ClassifierTraining.Example::chw).toList();
                FeatureTypicality realism = FeatureTypicality.fit(realismFeatures(evaluate(finalNet, all, manager), all),
                        FeatureTypicality.DEFAULT_SHRINKAGE).withRange(heldOutDistances, REAL_RANGE_QUANTILE);
                JsonMappers.compact().writeValue(out.resolve(MelanomaJudge.REALISM).toFile(), realism.reference());
                System.out.printf(Locale.ROOT, "real range: feature distance <= %.3f (%.0f%% of %d held-out real images;"
                        + " median %.3f)%n", realism.reference().threshold(), 100 * REAL_RANGE_QUANTILE,
                        heldOutDistances.length, median(heldOutDistances));
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("evaluation", "cross-validated: " + k + "-fold by lesion_id, stratified by diagnosis; "
                    + "AUC of the pooled out-of-fold probabilities; the shipped model is refitted on all images");
            report.put("images", examples.size());
            report.put("melanoma", (int) examples.values().stream().filter(ClassifierTraining.Example::melanoma).count());
            report.put("auc", cv.auc());
            report.put("foldAucs", foldAucs);
            report.put("brier", cv.brier());
            report.put("ece", cv.ece());
            report.put("bins", cv.bins());
            report.put("preprocessing", config.fingerprint());
            report.put("training", options);
            JsonMappers.indented()
                    .writeValue(out.resolve("cross-validation.json").toFile(), report);
        }
        return 0;
    }

    public static double[] predict(LesionClassifier net, List<float[]> images, NDManager manager) {
        return toDoubles(evaluate(net, images, manager).probabilities());
    }

    /** P(mel) and features of CHW images in [-1, 1], in batches of 64. */
    public static LesionClassifier.Evaluation evaluate(LesionClassifier net, List<float[]> images, NDManager manager) {
        int res = net.config().resolution();
        int plane = 3 * res * res;
        float[] p = new float[images.size()];
        float[][] features = new float[images.size()][];
        for (int start = 0; start < images.size(); start += 64) {
            int n = Math.min(64, images.size() - start);
            float[] x = new float[n * plane];
            for (int b = 0; b < n; b++) {
                System.arraycopy(images.get(start + b), 0, x, b * plane, plane);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray batch = step.create(x, new Shape(n, 3, res, res));
                LesionClassifier.Evaluation e = net.evaluate(batch);
                System.arraycopy(e.probabilities(), 0, p, start, n);
                System.arraycopy(e.features(), 0, features, start, n);
            }
        }
        return new LesionClassifier.Evaluation(p, features);
    }

    /** {@link RealismFeatures} of each image from its evaluation. */
    public static List<float[]> realismFeatures(LesionClassifier.Evaluation evaluation, List<float[]> images) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            out.add(RealismFeatures.of(evaluation.features()[i], images.get(i)));
        }
        return out;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void writeCalibration(Path out, Calibration cv) throws IOException {
        List<List<String>> lines = new ArrayList<>(List.of(
                List.of("bin_lower", "bin_upper", "count", "mean_predicted", "observed_melanoma")));
        List<Calibration.Bin> used = cv.bins().stream().filter(b -> b.count() > 0).toList();
        for (Calibration.Bin b : cv.bins()) {
            lines.add(List.of(String.format(Locale.ROOT, "%.1f", b.lower()), String.format(Locale.ROOT, "%.1f", b.upper()),
                    Integer.toString(b.count()), String.format(Locale.ROOT, "%.4f", b.meanPredicted()),
                    String.format(Locale.ROOT, "%.4f", b.observed())));
        }
        CsvTable.write(out.resolve("calibration.csv"), lines);
        double[] x = used.stream().mapToDouble(Calibration.Bin::meanPredicted).toArray();
        ScorePlot.writePng(out.resolve("calibration.png"),
                String.format(Locale.ROOT, "judge reliability (out-of-fold, AUC %.3f, ECE %.3f)", cv.auc(), cv.ece()),
                "mean predicted P(mel) in bin", "share melanoma", x,
                List.of(new ScorePlot.Series("observed", used.stream().mapToDouble(Calibration.Bin::observed).toArray()),
                        new ScorePlot.Series("perfect calibration", x.clone())), 640, 400);
    }

    private static void writeFolds(Path out, List<Ham10000Record> records, Map<String, Integer> foldOf,
                                   Map<String, Double> outOfFold, Map<String, Double> distance) throws IOException {
        List<List<String>> lines = new ArrayList<>(List.of(List.of("image_id", "lesion_id", "dx", "fold",
                "out_of_fold_p_mel", "out_of_fold_feature_distance")));
        for (Ham10000Record r : records) {
            lines.add(List.of(r.imageId(), r.lesionId(), r.dx(), String.format(Locale.ROOT, "%d", foldOf.get(r.imageId())),
                    String.format(Locale.ROOT, "%.4f", outOfFold.get(r.imageId())),
                    String.format(Locale.ROOT, "%.4f", distance.get(r.imageId()))));
        }
        CsvTable.write(out.resolve("folds.csv"), lines);
    }
}
