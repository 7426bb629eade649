package org.lesionsim.tools.bench;

import org.lesionsim.tools.Commands;
import org.lesionsim.sefa.GeneratorSefa;
import org.lesionsim.progression.ProgressionRenderer;
import org.lesionsim.progression.ProgressionStrip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.imaging.AnimatedGifWriter;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.SefaResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints what one progression costs with the CPU generator ({@link GeneratorConfig#cpu}) at a
 * resolution (default 64): ms per rendered frame one α at a time and with the walk as one batch (and
 * whether the two give the same pixels), and per frame with PNG, strip and GIF encoding.
 * Run: {@code java -Dai.djl.offline=true -cp <common classpath> org.lesionsim.tools.bench.ProgressionBenchmark [res] [repeats]}
 */
@Command(name = "ProgressionBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "What one progression costs with the CPU generator: ms per frame, and with PNG, strip and GIF.")
public final class ProgressionBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RESOLUTION")
    private int resolution = 64;
    @Parameters(index = "1", arity = "0..1", paramLabel = "REPEATS")
    private int repeats = 10;

    /** The walk rendered as it was before batching: one synthesis call per α (the baseline). */
    private static List<BufferedImage> oneAtATime(Generator generator, float[][] wPlus, float[] direction, List<Double> alphas,
                                                  NDManager manager) {
        return alphas.stream().map(a -> ProgressionRenderer.render(generator, wPlus, direction, LayerSelection.all(), List.of(a), manager)
                .get(0)).toList();
    }

    private static int differing(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) == b.getRGB(x, y) ? 0 : 1;
            }
        }
        return n;
    }

    public static void main(String[] args) {
        Commands.run(new ProgressionBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        List<Double> alphas = List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        try (NDManager manager = NDManager.newBaseManager();
             Generator generator = Generator.create(GeneratorConfig.cpu(resolution), manager, 1)) {
            float[][] wPlus = new float[generator.numWs()][generator.wDim()];
            try (NDManager m = manager.newSubManager()) {
                NDArray ws = generator.mapping(m.randomNormal(new Shape(1, generator.zDim())), 1.0);
                float[] flat = ws.toFloatArray();
                for (int i = 0; i < wPlus.length; i++) {
                    System.arraycopy(flat, i * generator.wDim(), wPlus[i], 0, generator.wDim());
                }
            }
            SefaResult sefa = GeneratorSefa.factorize(generator, LayerSelection.all());
            float[] direction = sefa.directions()[0];
            ProgressionRenderer.render(generator, wPlus, direction, LayerSelection.all(), alphas, manager); // warm-up
            oneAtATime(generator, wPlus, direction, alphas, manager);
            long renderNanos = 0;
            long oneAtATimeNanos = 0;
            long totalNanos = 0;
            int differingPixels = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                List<BufferedImage> frames = ProgressionRenderer.render(generator, wPlus, direction, LayerSelection.all(), alphas, manager);
                long t1 = System.nanoTime();
                frames.forEach(PngEncoder::encode);
                PngEncoder.encode(ProgressionStrip.compose(frames, alphas));
                AnimatedGifWriter.write(frames, 400, 0);
                long t2 = System.nanoTime();
                List<BufferedImage> single = oneAtATime(generator, wPlus, direction, alphas, manager);
                long t3 = System.nanoTime();
                renderNanos += t1 - t0;
                totalNanos += t2 - t0;
                oneAtATimeNanos += t3 - t2;
                for (int f = 0; f < frames.size(); f++) {
                    differingPixels += differing(frames.get(f), single.get(f));
                }
            }
            double frames = (double) repeats * alphas.size();
            System.out.printf(Locale.ROOT, "progression %dx%d, cpu generator, %d frames x %d repeats (%d cores): render one frame at a"
                            + " time %.2f ms/frame, the walk as one batch %.2f ms/frame (%.2fx); batched + PNG + strip + GIF %.2f"
                            + " ms/frame; pixels that differ between the two renderings (α = 0 is rendered alone in both): %d of %d%n", resolution, resolution,
                    alphas.size(), repeats, Runtime.getRuntime().availableProcessors(), oneAtATimeNanos / 1e6 / frames,
                    renderNanos / 1e6 / frames, (double) oneAtATimeNanos / renderNanos, totalNanos / 1e6 / frames, differingPixels,
                    (long) frames * resolution * resolution);
        }
        return 0;
    }
}
