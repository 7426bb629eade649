package org.lesionsim.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lesionsim.tools.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Scale-out by partition, measured (issue 12 item 3): the same N cases through the whole chain
 * ({@link FaultRun} with nothing injected) first with one process each of preprocess, inversion and
 * progression, then with two of each in the same consumer groups, on fresh stacks in one run. It
 * prints, for each: cases/s, p50/p95 latency, CPU per case summed over every process (broker and S3
 * server included) and how busy the machine's cores were; then the ratios 2 ÷ 1. On a machine whose
 * cores are already busy with one replica, 2 ÷ 1 throughput can only approach 1 — the CPU per case
 * says whether the second replica added work (coordination, a second model in memory) or only
 * spread it.
 *
 * <p>Usage: {@code java -Dai.djl.offline=true -cp demo/target/lesionsim-demo.jar org.lesionsim.demo.ScaleOutBenchmark [N] [--warm-up W]}
 */
@Command(name = "ScaleOutBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "N cases with 1, then 2 replicas of preprocess, inversion and progression: throughput and CPU per case, 2 / 1.")
public final class ScaleOutBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "cases per run")
    private int n = 200;
    @Option(names = "--window", description = "cases in flight at most")
    private int window = 24;
    @Option(names = "--warm-up", paramLabel = "W", description = "cases streamed and scored before each measured run (FaultRun --warm-up)")
    private int warmUp = 0;

    public static void main(String[] args) {
        Commands.run(new ScaleOutBenchmark(), args);
    }

    /** One run's figures. */
    record Figures(int replicas, double casesPerSecond, Double p50, Double p95, double cpuPerCaseMs, double coresBusy, int lost) {
        static Figures of(int replicas, FaultRun.Result r) {
            double cpuMs = r.cpuPerCaseMs().values().stream().mapToDouble(Double::doubleValue).sum();
            double cores = cpuMs * r.sent() / 1e3 / r.streamSeconds();
            return new Figures(replicas, r.sent() / r.streamSeconds(), FaultRun.Result.quantile(r.caseSeconds(), 0.5),
                    FaultRun.Result.quantile(r.caseSeconds(), 0.95), cpuMs, cores, r.lost().size());
        }

        String line() {
            return String.format(Locale.ROOT, "SCALE-OUT %d replica(s): %.2f cases/s, latency p50 %.1f s p95 %.1f s, CPU per case %.0f ms "
                    + "(all processes), %.2f of %d cores busy, %d lost", replicas, casesPerSecond, p50, p95, cpuPerCaseMs, coresBusy,
                    Runtime.getRuntime().availableProcessors(), lost);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Figures[] figures = new Figures[2];
        boolean ok = true;
        for (int replicas = 1; replicas <= 2; replicas++) {
            Path data = root.resolve(".lesionsim/scale-out-" + replicas + "-" + System.currentTimeMillis());
            FaultRun.Result r = FaultRun.run(new FaultRun.Settings(n, 1, 0, 0, Duration.ZERO, false, window, Duration.ofHours(1),
                    root, data, replicas, warmUp, 1), System.out);
            r.print(System.out);
            figures[replicas - 1] = Figures.of(replicas, r);
            if (r.totalDistinctDuplicates() > 0 || !r.lost().isEmpty()) {
                ok = false;
                System.out.println("SCALE-OUT run with " + replicas + " replica(s) lost or duplicated cases: " + r.lost().size()
                        + " lost, duplicates " + r.distinctDuplicates());
            }
        }
        for (Figures f : figures) {
            System.out.println(f.line());
        }
        Figures one = figures[0];
        Figures two = figures[1];
        System.out.printf(Locale.ROOT, "SCALE-OUT 2 / 1: throughput %.2f, CPU per case %.2f, cores busy %.2f, p50 latency %.2f%n",
                two.casesPerSecond() / one.casesPerSecond(), two.cpuPerCaseMs() / one.cpuPerCaseMs(),
                two.coresBusy() / one.coresBusy(), two.p50() / one.p50());
        return ok ? 0 : 1;
    }
}
