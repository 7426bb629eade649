package org.lesionsim.data.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.lesionsim.imaging.JpegEncoder;
import org.lesionsim.data.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.awt.image.BufferedImage;
import org.lesionsim.data.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Synthetic dermoscopy lesions in HAM10000's layout, for tests, the demo and as an oracle: every
 * image carries the ground truth it was drawn from.
 *
 * <p>Writes {@code DIR/HAM10000_metadata.csv} (official columns, then {@code gt_*} columns, see
 * {@link SyntheticMetadataCsv}) and {@code DIR/images/ISIC_&lt;7 digits&gt;.jpg}. The same seed gives
 * byte-identical files, and image k does not depend on how many images are written.
 *
 * <pre>
 * java -cp ... org.lesionsim.data.synthetic.SyntheticLesionGenerator --out DIR --count N --seed S
 *      [--mel-fraction 0.4] [--width 600 --height 450]
 * </pre>
 */
@Command(name = "SyntheticLesionGenerator", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Writes DIR/HAM10000_metadata.csv (HAM10000 columns + gt_* ground truth) and DIR/images/ISIC_*.jpg.")
public final class SyntheticLesionGenerator implements Callable<Integer> {
    public static final String METADATA = "HAM10000_metadata.csv";
    public static final String IMAGES = "images";
    private static final float JPEG_QUALITY = 0.92f;

    @Spec
    private CommandSpec command;
    @Option(names = "--out", required = true, paramLabel = "DIR")
    private Path out;
    @Option(names = "--count", required = true, paramLabel = "N", description = "images to write")
    private int count;
    @Option(names = "--seed", paramLabel = "S", description = "same seed, same bytes")
    private long seed;
    @Option(names = "--mel-fraction", paramLabel = "F", description = "share of melanoma lesions")
    private double melFraction = 0.4;
    @Option(names = "--width", paramLabel = "W", description = "image width (HAM10000's)")
    private int width = 600;
    @Option(names = "--height", paramLabel = "H", description = "image height (HAM10000's)")
    private int height = 450;

    /** What to generate; the defaults are HAM10000's: 600x450 JPEG, here 40 % melanoma. */
    public record Settings(int count, long seed, double melFraction, int width, int height) {
        public Settings {
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, was " + count);
            }
            if (!(melFraction >= 0 && melFraction <= 1)) {
                throw new IllegalArgumentException("mel fraction must be in [0, 1], was " + melFraction);
            }
            if (width < 32 || height < 32) {
                throw new IllegalArgumentException("image size must be at least 32x32, was " + width + "x" + height);
            }
        }

        public static Settings of(int count, long seed) {
            return new Settings(count, seed, 0.4, 600, 450);
        }
    }

    /** One written image: its metadata row and the truth it shows. */
    public record WrittenImage(SyntheticCase syntheticCase, LesionGroundTruth groundTruth, Path image) {
    }

    /** Renders one lesion in memory: image, mask and ground truth. See {@link LesionRenderer}. */
    public static SyntheticLesion render(long seed, double t, int width, int height) {
        return LesionRenderer.render(seed, t, width, height);
    }

    /** {@code count} images at 600x450, 40 % melanoma. */
    public static List<WrittenImage> writeDataset(Path dir, int count, long seed) {
        return writeDataset(dir, Settings.of(count, seed), () -> { });
    }

    /**
     * Writes the data set. Images go first, each through a temporary file; the metadata file is
     * written last, so it never names an image that is not there.
     *
     * @param afterEachImage called once per image written (progress reporting)
     */
    public static List<WrittenImage> writeDataset(Path dir, Settings settings, Runnable afterEachImage) {
        Path images = dir.resolve(IMAGES);
        List<WrittenImage> written = new ArrayList<>();
        try {
            Files.createDirectories(images);
            List<List<String>> csv = new ArrayList<>(List.of(SyntheticMetadataCsv.header()));
            for (SyntheticCase c : SyntheticCohort.plan(settings.count(), settings.seed(), settings.melFraction())) {
                SyntheticLesion lesion = LesionRenderer.render(c.lesionSeed(), c.progressionT(), settings.width(), settings.height(), c.view());
                Path file = images.resolve(c.imageId() + ".jpg");
                Path partial = images.resolve(c.imageId() + ".jpg.partial");
                writeJpeg(lesion.image(), partial);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                csv.add(SyntheticMetadataCsv.row(c, lesion.groundTruth()));
                written.add(new WrittenImage(c, lesion.groundTruth(), file));
                afterEachImage.run();
            }
            Path partial = dir.resolve(METADATA + ".partial");
            CsvTable.write(partial, csv);
            Files.move(partial, dir.resolve(METADATA), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic data set to " + dir, e);
        }
        return written;
    }

    /** Baseline JPEG at a fixed quality, no metadata beyond the JFIF header: same pixels, same bytes. */
    static void writeJpeg(BufferedImage image, Path file) throws IOException {
        Files.write(file, JpegEncoder.encode(image, JPEG_QUALITY));
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new SyntheticLesionGenerator()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode); // only on failure: a command that finished returns, as main always did
        }
    }

    @Override
    public Integer call() {
        Settings settings;
        try {
            settings = new Settings(count, seed, melFraction, width, height);
        } catch (IllegalArgumentException e) { // a count, fraction or size out of range: a usage error
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
        ProgressBar bar = new ProgressBar("synthetic lesions", count);
        long start = System.nanoTime();
        List<WrittenImage> written = writeDataset(out, settings, bar::step);
        bar.finish();
        long mel = written.stream().filter(w -> w.syntheticCase().dx().equals("mel")).count();
        long lesions = written.stream().map(w -> w.syntheticCase().lesionId()).distinct().count();
        System.out.printf(Locale.ROOT, "wrote %d images (%d mel, %d nv) of %d lesions, %dx%d, seed %d, to %s in %.1f s%n",
                written.size(), mel, written.size() - mel, lesions, width, height, seed, out.toAbsolutePath(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
