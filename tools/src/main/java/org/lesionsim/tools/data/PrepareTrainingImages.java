package org.lesionsim.tools.data;

import org.lesionsim.data.ham10000.Ham10000Dataset;
import org.lesionsim.data.ham10000.Ham10000Record;
import org.lesionsim.data.ham10000.LesionSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.imaging.ImagePreprocessor;
import org.lesionsim.imaging.PreprocessingConfig;

/**
 * A HAM10000-layout folder → a training folder of preprocessed PNGs ({@code 0000.png}, ... in the
 * data set's record order) and {@code labels.csv} ({@code index,dx}), with the same preprocessing
 * the preprocess worker applies ({@link PreprocessingConfig#research}: centre crop + reflect pad,
 * area resize). Image ids stay out of the output: the index is all that links a file to its label.
 *
 * <p>Usage: {@code --ham10000 DIR --out DIR [--resolution 64] [--classes nv,mel] [--holdout F]}. With
 * {@code --holdout F} a fraction F of the lesions (all images of a lesion on one side, split by
 * {@link LesionSplit#byLesion}, seed 0) goes to {@code OUT/heldout/}, the rest to {@code OUT/train/}.
 */
public final class PrepareTrainingImages {
    private PrepareTrainingImages() {
    }

    public static void main(String[] args) throws IOException {
        Path root = null;
        Path out = null;
        int resolution = 64;
        List<String> classes = Ham10000Dataset.DEFAULT_CLASSES;
        double holdout = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ham10000" -> root = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--resolution" -> resolution = Integer.parseInt(args[++i]);
                case "--classes" -> classes = List.of(args[++i].split(","));
                case "--holdout" -> holdout = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: --ham10000 DIR --out DIR [--resolution 64] [--classes nv,mel])");
            }
        }
        if (root == null || out == null) {
            throw new IllegalArgumentException("--ham10000 DIR and --out DIR are required");
        }
        Ham10000Dataset dataset = Ham10000Dataset.open(root, classes);
        PreprocessingConfig config = PreprocessingConfig.research(resolution);
        if (holdout > 0) {
            LesionSplit split = LesionSplit.byLesion(dataset.records(), holdout, 0);
            write(split.train(), config, out.resolve("train"));
            write(split.validation(), config, out.resolve("heldout"));
        } else {
            write(dataset.records(), config, out);
        }
    }

    private static void write(List<Ham10000Record> records, PreprocessingConfig config, Path out) throws IOException {
        Files.createDirectories(out);
        List<String> labels = new ArrayList<>(List.of("index,dx"));
        ProgressBar bar = new ProgressBar("preprocessed", records.size());
        int index = 0;
        for (Ham10000Record record : records) {
            byte[] png = ImagePreprocessor.preprocess(Files.readAllBytes(record.image()), config).png();
            Files.write(out.resolve(String.format(Locale.ROOT, "%04d.png", index)), png);
            labels.add(index + "," + record.dx());
            bar.update(++index);
        }
        bar.finish();
        Files.write(out.resolve("labels.csv"), labels);
        System.out.printf(Locale.ROOT, "%d images (%d mel) at %s -> %s%n", index,
                records.stream().filter(r -> r.dx().equals("mel")).count(), config.fingerprint(), out);
    }
}
