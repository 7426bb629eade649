package org.lesionsim.tools.bench;

import org.lesionsim.tools.Commands;
import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.gan.training.TrainingFlops;
import org.lesionsim.gan.training.TrainingLoop;
import org.lesionsim.gan.training.TrainingOptions;
import org.lesionsim.gan.training.TrainingSpec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.storage.LocalFiles;
import org.lesionsim.tools.bench.GanBenchmark;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.gan.NoiseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints, for the {@code cpu} preset on synthetic images, per resolution (args, default 32 64) and
 * batch ({@code --batches 8,16}, or {@code -Dbatches=8,16}): milliseconds per training step ({@link TrainingLoop#step()}:
 * Gmain, Dmain, lazy R1 every 16, EMA, ADA; mean over {@code --steps 16} steps, so one R1 step,
 * after 4 warm-up steps), images/s and s/kimg; the step's achieved GFLOP/s ({@link
 * TrainingFlops}, convolutions and linears only) next to a 1024x1024 float32 matmul measured just
 * before, and their ratio; the EMA generator's inference images/s at batch 1 and 16; at the end the
 * peak resident memory (VmHWM). Channels: {@code --cbase 4096 --cmax 128} (or the same as {@code -D}). Run with
 * {@code -Dai.djl.offline=true}; on a shared machine {@code -Dai.djl.pytorch.num_threads=1} is steadier.
 */
@Command(name = "TrainingBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "ms per training step of the cpu preset, GFLOP/s against a matmul, G images/s, peak RSS.")
public final class TrainingBenchmark implements Callable<Integer> {
    private static final int WARMUP_STEPS = 4;

    @Parameters(arity = "0..*", paramLabel = "RESOLUTION")
    private int[] resolutions = {32, 64};
    // The -D properties these read still work: -Dbatches=8,16 is --batches 8,16.
    @Option(names = "--batches", split = ",", defaultValue = "${sys:batches:-8,16}")
    private int[] batches;
    @Option(names = "--steps", defaultValue = "${sys:steps:-16}", description = "timed steps per batch size")
    private int steps;
    @Option(names = "--cbase", defaultValue = "${sys:cbase:-4096}")
    private int cbase;
    @Option(names = "--cmax", defaultValue = "${sys:cmax:-128}")
    private int cmax;

    public static void main(String[] args) {
        Commands.run(new TrainingBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> channels = Map.of("cbase", "" + cbase, "cmax", "" + cmax);
        System.out.printf(Locale.ROOT, "load average before: %.2f, cores: %d, PyTorch threads: %s, %s%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "engine default"), channels);
        Path out = Files.createTempDirectory("training-benchmark");
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int res : resolutions) {
                Map<String, Object> overrides = new java.util.HashMap<>(channels);
                overrides.put("resolution", res);
                TrainingSpec spec = TrainingSpec.of("cpu", overrides, 1, 0);
                GeneratorConfig g = spec.generator();
                DiscriminatorConfig d = spec.discriminator();
                double flopsPerImage = TrainingFlops.trainingStepPerImage(g, d);
                System.out.printf(Locale.ROOT, "%dx%d: G forward %.3f GFLOP/img, D forward %.3f GFLOP/img, training step %.2f GFLOP/img%n",
                        res, res, TrainingFlops.generatorForward(g) / 1e9, TrainingFlops.discriminatorForward(d) / 1e9,
                        flopsPerImage / 1e9);
                ImageDataset dataset = ImageDataset.fromImages(images(res, 32), res, true);
                for (int batch : batches) {
                    try (TrainingLoop loop = TrainingLoop.create(TrainingOptions.cpu(res).withBatch(batch), g, d, dataset,
                            out, manager)) {
                        for (int i = 0; i < WARMUP_STEPS; i++) {
                            loop.step();
                        }
                        double matmul = matmulFlops(manager);
                        long start = System.nanoTime();
                        for (int i = 0; i < steps; i++) {
                            loop.step();
                        }
                        double ms = (System.nanoTime() - start) / 1e6 / steps;
                        double achieved = flopsPerImage * batch / (ms / 1e3);
                        System.out.printf(Locale.ROOT,
                                "  batch %2d: %7.1f ms/step, %5.1f img/s, %5.1f s/kimg; %6.1f GFLOP/s vs matmul %6.1f GFLOP/s = %3.0f%%%n",
                                batch, ms, batch * 1000 / ms, ms / batch, achieved / 1e9, matmul / 1e9, 100 * achieved / matmul);
                        if (batch == batches[0]) {
                            printInference(manager, loop.generatorEma());
                        }
                    }
                }
            }
        } finally {
            LocalFiles.deleteRecursively(out);
        }
        System.out.printf(Locale.ROOT, "peak RSS (VmHWM): %s; load average after: %.2f%n", peakRss(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return 0;
    }

    /** FLOP/s of a 1024x1024 float32 matmul (median over about a second). */
    private static double matmulFlops(NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            NDArray a = m.randomNormal(new Shape(1024, 1024));
            NDArray b = m.randomNormal(new Shape(1024, 1024));
            return 2.0 * Math.pow(1024, 3) / GanBenchmark.secondsPerCall(m, 1.0, step -> a.matMul(b).attach(step));
        }
    }

    /** The EMA generator z -> image (constant noise, as the workers render), median over about 2 s. */
    private static void printInference(NDManager manager, Generator gEma) {
        StringBuilder line = new StringBuilder("  G_ema inference:");
        for (int batch : new int[] {1, 16}) {
            double seconds = GanBenchmark.secondsPerCall(manager, 2.0,
                    step -> gEma.forward(step.randomNormal(new Shape(batch, gEma.zDim())), 1.0, NoiseMode.CONST).toFloatArray());
            line.append(String.format(Locale.ROOT, " batch %d %.1f ms (%.1f img/s);", batch, seconds * 1e3, batch / seconds));
        }
        System.out.println(line);
    }

    /** {@code VmHWM} of /proc/self/status (Linux), else "n/a". */
    private static String peakRss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring("VmHWM:".length()).trim()).findFirst().orElse("n/a");
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
