package org.lesionsim.tools.judge;

import org.lesionsim.tools.Ham10000Folder;
import org.lesionsim.tools.Commands;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.lesionsim.data.ham10000.Ham10000Dataset;
import org.lesionsim.data.ham10000.Ham10000Record;
import org.lesionsim.data.ham10000.LesionSplit;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.ImagePreprocessor;
import org.lesionsim.imaging.PreprocessingConfig;
import org.lesionsim.judge.ClassifierTraining;
import org.lesionsim.judge.FeatureTypicality;
import org.lesionsim.judge.LesionClassifier;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.tools.judge.TrainLesionClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A judge that has not seen one fold's lesions, so walks of that fold can be graded honestly: the
 * judge's recipe ({@link ClassifierTraining}, {@code LesionClassifier.Config.standard}) on every fold
 * but {@code --validation-fold} of {@code LesionSplit.folds(records, 5, 0)} (the fold assignment of the
 * shipped judge's {@code folds.csv}); realism's feature Gaussian from the training images, its real
 * range (99%) from the held-out fold's real images. The shipped judge is refitted on all images and
 * has seen every fold: do not grade with it. Usage: {@code --ham10000 DIR --out DIR
 * [--validation-fold 0] [--epochs 30]}. Writes {@code judge.safetensors}, {@code judge.json},
 * {@code realism.json} (readable by {@link MelanomaJudge}).
 */
@Command(name = "TrainFoldJudge", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "A judge that has not seen one fold's lesions, so walks of that fold can be graded honestly.")
public final class TrainFoldJudge implements Callable<Integer> {
    @Mixin
    private Ham10000Folder ham10000;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the judge's files go")
    private Path out;
    @Option(names = "--validation-fold", paramLabel = "K", description = "the fold (of 5) the judge does not see")
    private int validation;
    @Option(names = "--epochs", paramLabel = "N")
    private int epochs = 30;

    public static void main(String[] args) {
        Commands.run(new TrainFoldJudge(), args);
    }

    @Override
    public Integer call() throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Ham10000Dataset dataset = ham10000.open();
        List<List<Ham10000Record>> folds = LesionSplit.folds(dataset.records(), 5, 0);
        PreprocessingConfig config = PreprocessingConfig.research(64);
        List<ClassifierTraining.Example> train = new ArrayList<>();
        List<float[]> held = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            for (Ham10000Record r : folds.get(f)) {
                byte[] png = ImagePreprocessor.preprocess(Files.readAllBytes(r.image()), config).png();
                float[] chw = GanPixels.toMinusOneToOne(ImageIO.read(new ByteArrayInputStream(png)));
                if (f == validation) {
                    held.add(chw);
                } else {
                    train.add(new ClassifierTraining.Example(chw, r.dx().equals("mel")));
                }
            }
        }
        Files.createDirectories(out);
        try (NDManager manager = NDManager.newBaseManager();
             LesionClassifier net = LesionClassifier.create(LesionClassifier.Config.standard(64), manager, 100 + validation)) {
            long t0 = System.nanoTime();
            ClassifierTraining.fit(net, train, new ClassifierTraining.Options(epochs, 32, 1e-3, 0), manager, (epoch, loss) -> {
                if ((epoch + 1) % 5 == 0) {
                    System.out.printf(Locale.ROOT, "epoch %d loss %.4f (%.0f s)%n", epoch + 1, loss, (System.nanoTime() - t0) / 1e9);
                }
            });
            net.save(out.resolve("judge.safetensors"));
            List<float[]> trainFeatures = realism(net, train.stream().map(ClassifierTraining.Example::chw).toList(), manager);
            FeatureTypicality typicality = FeatureTypicality.fit(trainFeatures, FeatureTypicality.DEFAULT_SHRINKAGE);
            List<float[]> heldFeatures = realism(net, held, manager);
            double[] distances = heldFeatures.stream().mapToDouble(typicality::distance).toArray();
            FeatureTypicality ranged = typicality.withRange(distances, TrainLesionClassifier.REAL_RANGE_QUANTILE);
            JsonMappers.compact().writeValue(out.resolve(MelanomaJudge.REALISM).toFile(), ranged.reference());
            System.out.printf(Locale.ROOT, "fold judge: trained on %d images of folds != %d, real range from %d held-out images; %s%n",
                    train.size(), validation, held.size(), out);
        }
        return 0;
    }

    /** The judge's realism features of each image, as the shipped judge's real range was measured. */
    private static List<float[]> realism(LesionClassifier net, List<float[]> images, NDManager manager) {
        return TrainLesionClassifier.realismFeatures(TrainLesionClassifier.evaluate(net, images, manager), images);
    }
}
