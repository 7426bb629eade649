package org.lesionsim.gan.training;

import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.GeneratorConfig;

/**
 * Prints milliseconds per training step ({@link TrainingLoop#step()}: Gmain, Dmain, lazy R1 every
 * 16, EMA, ADA) with the {@code cpu} preset (batch 8) at 32x32 and 64x64, on synthetic images:
 * mean over 32 steps (two R1 steps included) after 4 warm-up steps. Args: resolutions (default 32 64).
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] resolutions = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {32, 64};
        int cbase = Integer.getInteger("cbase", 4096);
        int cmax = Integer.getInteger("cmax", 128);
        System.out.printf(Locale.ROOT, "load average before: %.2f, cores: %d%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        Path out = Files.createTempDirectory("training-benchmark");
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int res : resolutions) {
                ImageDataset dataset = ImageDataset.fromImages(images(res, 32), res, true);
                try (TrainingLoop loop = TrainingLoop.create(TrainingOptions.cpu(res),
                        TrainGan.withChannels(GeneratorConfig.cpu(res), java.util.Map.of("cbase", "" + cbase, "cmax", "" + cmax)),
                        TrainGan.withChannels(DiscriminatorConfig.cpu(res), java.util.Map.of("cbase", "" + cbase, "cmax", "" + cmax)),
                        dataset, out, manager)) {
                    for (int i = 0; i < 4; i++) {
                        loop.step();
                    }
                    int steps = 32;
                    long start = System.nanoTime();
                    for (int i = 0; i < steps; i++) {
                        loop.step();
                    }
                    double ms = (System.nanoTime() - start) / 1e6 / steps;
                    System.out.printf(Locale.ROOT, "cbase %d cmax %d ", cbase, cmax);
                    System.out.printf(Locale.ROOT, "%dx%d batch %d: %.1f ms/step, %.1f img/s, %.1f s/kimg%n", res, res,
                            loop.options().batch(), ms, loop.options().batch() * 1000 / ms,
                            ms / loop.options().batch() * 1000 / 1000);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static List<BufferedImage> images(int res, int count) {
        Random random = new Random(1);
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(res, res, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(random.nextInt(60), random.nextInt(40), random.nextInt(40)));
            g.fillRect(0, 0, res, res);
            g.setColor(new Color(100 + random.nextInt(150), 50 + random.nextInt(100), random.nextInt(80)));
            int size = res / 3 + random.nextInt(res / 3);
            g.fillOval(random.nextInt(res - size), random.nextInt(res - size), size, size);
            g.dispose();
            out.add(image);
        }
        return out;
    }
}
