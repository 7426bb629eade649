package org.lesionsim.tools.encoder;

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
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.lesionsim.data.CommandLineArgs;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.gan.Generator;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.Resampler;

/**
 * Reconstruction L2 of an encoder on a folder of images (e.g. held-out lesions): for each image the
 * encoder's guess and, with {@code --refine N}, N latent-optimisation steps after it; prints the mean
 * L2 (MSE on RGB in [-1, 1], as e4e reports it) of both and ms per image, and with {@code --grid FILE}
 * writes up to 8 inputs over their reconstructions.
 *
 * <p>Usage: {@code --generator FILE.safetensors --encoder FILE.safetensors --data DIR [--refine N]
 * [--limit N] [--grid FILE]}. Run with {@code -Dai.djl.offline=true}.
 */
public final class EvaluateInversion {
    private EvaluateInversion() {
    }

    public static void main(String[] args) throws IOException {
        CommandLineArgs cli = CommandLineArgs.parse(args, java.util.Set.of(), "--generator FILE --encoder FILE --data DIR [--refine N] [--limit N] [--grid FILE]");
        int refine = Integer.parseInt(cli.get("refine", "0"));
        int limit = Integer.parseInt(cli.get("limit", "1000000"));
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(cli.required("data")))) {
            files = list.filter(p -> p.toString().endsWith(".png")).sorted().limit(limit).toList();
        }
        try (NDManager manager = NDManager.newBaseManager();
                E4eEncoder encoder = E4eEncoder.load(Path.of(cli.required("encoder")), manager);
                PerceptualLoss perceptual = PerceptualLoss.msSsim(encoder.config().resolution())) {
            Generator generator = Generator.load(Path.of(cli.required("generator")), manager);
            Inversion inversion = new Inversion(encoder, generator,
                    refine > 0 ? LatentRefinement.withDefaults(generator, perceptual) : null, manager);
            int res = generator.resolution();
            int shown = Math.min(8, files.size());
            BufferedImage grid = new BufferedImage(shown * res, 2 * res, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = grid.createGraphics();
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
            if (cli.has("grid")) {
                ImageIO.write(grid, "png", Path.of(cli.required("grid")).toFile());
            }
        }
    }
}
