package org.lesionsim.tools.data;

import org.lesionsim.tools.Commands;
import org.lesionsim.data.CsvTable;
import org.lesionsim.data.ham10000.Ham10000Dataset;
import org.lesionsim.data.ham10000.Ham10000Record;
import org.lesionsim.data.ham10000.LesionSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.imaging.ImagePreprocessor;
import org.lesionsim.imaging.PreprocessingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
@Command(name = "PrepareTrainingImages", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "A HAM10000-layout folder -> preprocessed training PNGs and labels.csv, as the preprocess worker does.")
public final class PrepareTrainingImages implements Callable<Integer> {
    @Option(names = "--ham10000", required = true, paramLabel = "DIR", description = "a HAM10000-layout folder")
    private Path root;
    @Option(names = "--out", required = true, paramLabel = "DIR")
    private Path out;
    @Option(names = "--resolution", paramLabel = "N")
    private int resolution = 64;
    @Option(names = "--classes", split = ",", paramLabel = "DX", description = "the diagnoses kept")
    private List<String> classes = Ham10000Dataset.DEFAULT_CLASSES;
    @Option(names = "--holdout", paramLabel = "F", description = "this fraction of lesions goes to OUT/heldout/")
    private double holdout;

    public static void main(String[] args) {
        Commands.run(new PrepareTrainingImages(), args);
    }

    @Override
    public Integer call() throws IOException {
        Ham10000Dataset dataset = Ham10000Dataset.open(root, classes);
        PreprocessingConfig config = PreprocessingConfig.research(resolution);
        if (holdout > 0) {
            LesionSplit split = LesionSplit.byLesion(dataset.records(), holdout, 0);
            write(split.train(), config, out.resolve("train"));
            write(split.validation(), config, out.resolve("heldout"));
        } else {
            write(dataset.records(), config, out);
        }
        return 0;
    }

    private static void write(List<Ham10000Record> records, PreprocessingConfig config, Path out) throws IOException {
        Files.createDirectories(out);
        List<List<String>> labels = new ArrayList<>(List.of(List.of("index", "dx")));
        ProgressBar bar = new ProgressBar("preprocessed", records.size());
        int index = 0;
        for (Ham10000Record record : records) {
            byte[] png = ImagePreprocessor.preprocess(Files.readAllBytes(record.image()), config).png();
            Files.write(out.resolve(String.format(Locale.ROOT, "%04d.png", index)), png);
            labels.add(List.of(Integer.toString(index), record.dx()));
            bar.update(++index);
        }
        bar.finish();
        CsvTable.write(out.resolve("labels.csv"), labels);
        System.out.printf(Locale.ROOT, "%d images (%d mel) at %s -> %s%n", index,
                records.stream().filter(r -> r.dx().equals("mel")).count(), config.fingerprint(), out);
    }
}
