package org.lesionsim.tools.encoder;

import org.lesionsim.tools.InversionModels;
import org.lesionsim.tools.Commands;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.encoder.Inversion;
import org.lesionsim.encoder.LatentRefinement;
import org.lesionsim.encoder.PerceptualLoss;

import ai.djl.ndarray.NDManager;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.gan.Generator;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.Resampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reconstruction L2 of an encoder on a folder of images (e.g. held-out lesions): for each image the
 * encoder's guess and, with {@code --refine N}, N latent-optimisation steps after it; prints the mean
 * L2 (MSE on RGB in [-1, 1], as e4e reports it) of both and ms per image, and with {@code --grid FILE}
 * writes up to 8 inputs over their reconstructions.
 *
 * <p>Usage: {@code --generator FILE.safetensors --encoder FILE.safetensors --data DIR [--refine N]
 * [--limit N] [--grid FILE]}. Run with {@code -Dai.djl.offline=true}.
 */
@Command(name = "EvaluateInversion", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Reconstruction L2 of an encoder on a folder of images, with and without latent refinement.")
public final class EvaluateInversion implements Callable<Integer> {
    @Mixin
    private InversionModels models;
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the PNGs to invert")
    private Path data;
    @Option(names = "--refine", paramLabel = "N", description = "latent-optimisation steps after the encoder's guess")
    private int refine;
    @Option(names = "--limit", paramLabel = "N", description = "at most N images")
    private int limit = 1_000_000;
    @Option(names = "--grid", paramLabel = "FILE", description = "a PNG of up to 8 inputs over their reconstructions")
    private Path grid;

    public static void main(String[] args) {
        Commands.run(new EvaluateInversion(), args);
    }

    @Override
    public Integer call() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(data)) {
            files = list.filter(p -> p.toString().endsWith(".png")).sorted().limit(limit).toList();
        }
        try (NDManager manager = NDManager.newBaseManager();
                E4eEncoder encoder = models.loadEncoder(manager);
                PerceptualLoss perceptual = PerceptualLoss.msSsim(encoder.config().resolution())) {
            Generator generator = models.loadGenerator(manager);
            Inversion inversion = new Inversion(encoder, generator,
                    refine > 0 ? LatentRefinement.withDefaults(generator, perceptual) : null, manager);
            int res = generator.resolution();
            int shown = Math.min(8, files.size());
            BufferedImage sheet = new BufferedImage(shown * res, 2 * res, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = sheet.createGraphics();
            double sumEncoder = 0;
            double sumRefined = 0;
            ProgressBar bar = new ProgressBar("inverted", files.size());
            long start = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                BufferedImage image = ImageIO.read(files.get(i).toFile());
                if (image.getWidth() != res || image.getHeight() != res) {
                    image = Resampler.resize(image, res, res);
                }
                Inversion.Result r = inversion.invert(GanPixels.toMinusOneToOne(image), refine);
                sumEncoder += r.encoderL2();
                sumRefined += r.reconstructionL2();
                if (i < shown) {
                    g.drawImage(image, i * res, 0, null);
                    g.drawImage(GanPixels.toImage(r.reconstruction(), res, res), i * res, res, null);
                }
                bar.update(i + 1);
            }
            bar.finish();
            g.dispose();
            double ms = (System.nanoTime() - start) / 1e6 / files.size();
            System.out.printf(Locale.ROOT, "%d images at %dx%d: reconstruction L2 (MSE on [-1,1]) encoder %.4f", files.size(),
                    res, res, sumEncoder / files.size());
            if (refine > 0) {
                System.out.printf(Locale.ROOT, ", after %d refinement steps %.4f", refine, sumRefined / files.size());
            }
            System.out.printf(Locale.ROOT, "; %.1f ms per image%n", ms);
            if (grid != null) {
                ImageIO.write(sheet, "png", grid.toFile());
            }
        }
        return 0;
    }
}
