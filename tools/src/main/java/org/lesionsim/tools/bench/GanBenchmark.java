package org.lesionsim.tools.bench;

import org.lesionsim.tools.Commands;
import org.lesionsim.gan.Discriminator;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.gan.NoiseMode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.lesionsim.gan.loss.AutogradGrad;
import org.lesionsim.gan.loss.R1Penalty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints forward and forward+backward speeds of the CPU-preset generator and discriminator, next
 * to a 1024x1024 float32 matmul as the machine's practical ceiling. Run with
 * {@code -Dai.djl.offline=true}; optional argument: seconds per measurement (default 3). Figures are medians; on a
 * machine shared with other processes {@code -Dai.djl.pytorch.num_threads=1} gives steadier ones.
 */
@Command(name = "GanBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Forward and forward+backward speeds of the CPU-preset G and D, next to a float32 matmul.")
public final class GanBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SECONDS", description = "seconds per measurement")
    private double seconds = 3.0;

    public static void main(String[] args) {
        Commands.run(new GanBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(0);
            System.out.printf(Locale.ROOT, "PyTorch threads: %s (ai.djl.pytorch.num_threads), load average before: %.2f%n",
                    System.getProperty("ai.djl.pytorch.num_threads", "engine default"),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            NDArray a = manager.randomNormal(new Shape(1024, 1024));
            NDArray b = manager.randomNormal(new Shape(1024, 1024));
            double matmul = secondsPerCall(manager, seconds, step -> a.matMul(b).attach(step));
            System.out.printf(Locale.ROOT, "matmul 1024^2 float32: %.1f GFLOP/s%n", 2.0 * Math.pow(1024, 3) / matmul / 1e9);

            for (int res : new int[] {32, 64}) {
                try (Generator g = Generator.create(GeneratorConfig.cpu(res), manager, 1);
                        Discriminator d = Discriminator.create(DiscriminatorConfig.cpu(res), manager, 2)) {
                    System.out.printf(Locale.ROOT, "%dx%d  G %.2f M params, D %.2f M params%n", res, res,
                            g.stateDict().parameterCount() / 1e6, d.stateDict().parameterCount() / 1e6);
                    for (int batch : new int[] {1, 16}) {
                        for (boolean fused : new boolean[] {true, false}) {
                            double t = secondsPerCall(manager, seconds, step -> {
                                NDArray ws = g.mapping(step.randomNormal(new Shape(batch, g.zDim())), 1.0);
                                g.synthesis(ws, NoiseMode.CONST, fused).toFloatArray();
                            });
                            System.out.printf(Locale.ROOT, "  G forward batch %2d (%s): %7.1f ms, %6.1f img/s%n", batch,
                                    fused ? "fused modconv " : "shared modconv", t * 1e3, batch / t);
                        }
                    }
                    int batch = 8;
                    g.stateDict().requireGradients();
                    d.stateDict().requireGradients();
                    double gStep = secondsPerCall(manager, seconds, step -> {
                        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                            NDArray img = g.synthesis(g.mapping(step.randomNormal(new Shape(batch, g.zDim())), 1.0), NoiseMode.RANDOM);
                            collector.backward(ai.djl.nn.Activation.softPlus(d.forward(img).neg()).mean());
                        }
                    });
                    double dStep = secondsPerCall(manager, seconds, step -> {
                        NDArray real = step.randomUniform(-1, 1, new Shape(batch, 3, res, res));
                        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                            collector.backward(ai.djl.nn.Activation.softPlus(d.forward(real)).mean());
                        }
                    });
                    System.out.printf(Locale.ROOT, "  batch %d forward+backward: G through D %.1f ms, D alone %.1f ms (%.1f img/s for both)%n",
                            batch, gStep * 1e3, dStep * 1e3, batch / (gStep + dStep));
                    try (AutogradGrad autograd = new AutogradGrad(manager)) {
                        R1Penalty r1 = new R1Penalty(autograd, 1.0);
                        double r1Step = secondsPerCall(manager, seconds, step -> {
                            NDArray real = step.randomUniform(-1, 1, new Shape(batch, 3, res, res));
                            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                                collector.backward(r1.evaluate(d::forward, real).penalty().mean());
                            }
                        });
                        System.out.printf(Locale.ROOT, "  batch %d R1 step (double backprop through D): %.1f ms%n", batch, r1Step * 1e3);
                    }
                }
            }
        }
        return 0;
    }

    /**
     * Median wall time of {@code call} over about {@code seconds} (at least 5 calls), after a warm-up;
     * each call in its own sub-manager. The median resists other processes on a shared machine.
     */
    public static double secondsPerCall(NDManager manager, double seconds, Consumer<NDManager> call) {
        for (int i = 0; i < 2; i++) {
            try (NDManager step = manager.newSubManager()) {
                call.accept(step);
            }
        }
        java.util.List<Double> times = new java.util.ArrayList<>();
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1e9 || times.size() < 5) {
            long t0 = System.nanoTime();
            try (NDManager step = manager.newSubManager()) {
                call.accept(step);
            }
            times.add((System.nanoTime() - t0) / 1e9);
        }
        java.util.Collections.sort(times);
        return times.get(times.size() / 2);
    }
}
