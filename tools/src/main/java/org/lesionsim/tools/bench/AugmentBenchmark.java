package org.lesionsim.tools.bench;

import org.lesionsim.tools.Commands;
import org.lesionsim.gan.augment.AugmentConfig;
import org.lesionsim.gan.augment.AugmentPipe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints milliseconds per {@link AugmentPipe#forward} call on a batch of 8 64x64 RGB images at
 * p = 1, forward alone and forward + backward, for the blit+colour, geometry-only and bgc presets.
 * Run with {@code -Dai.djl.offline=true}.
 */
@Command(name = "AugmentBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Milliseconds per AugmentPipe forward (and forward + backward) for the bc, geom and bgc presets.")
public final class AugmentBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ITERATIONS", description = "calls timed per preset")
    private int iterations = 30;

    public static void main(String[] args) {
        Commands.run(new AugmentBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        int batch = 8;
        int size = 64;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.randomUniform(-1, 1, new Shape(batch, 3, size, size));
            for (String name : new String[] {"bc", "geom", "bgc"}) {
                AugmentConfig config = switch (name) {
                    case "bc" -> AugmentConfig.blitAndColor();
                    case "geom" -> AugmentConfig.geometry();
                    default -> AugmentConfig.bgc();
                };
                AugmentPipe pipe = new AugmentPipe(config, 1);
                Random random = new Random(1);
                double forward = time(iterations, () -> {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = images.duplicate();
                        x.attach(step);
                        pipe.forward(x, random).toFloatArray();
                    }
                });
                double backward = time(iterations, () -> {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = images.duplicate();
                        x.attach(step);
                        x.setRequiresGradient(true);
                        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                            collector.backward(pipe.forward(x, random).sum());
                        }
                        x.getGradient().toFloatArray();
                    }
                });
                System.out.printf("augpipe=%-4s batch %d %dx%d p=1: forward %.1f ms, forward+backward %.1f ms%n",
                        name, batch, size, size, forward, backward);
            }
        }
        return 0;
    }

    private static double time(int iterations, Runnable call) {
        for (int i = 0; i < 5; i++) {
            call.run(); // warm-up
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e6 / iterations;
    }
}
