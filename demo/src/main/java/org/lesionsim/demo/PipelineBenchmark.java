package org.lesionsim.demo;

import org.lesionsim.tools.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lesionsim.data.ham10000.Ham10000Dataset;
import org.lesionsim.data.ham10000.Ham10000Record;
import org.lesionsim.data.synthetic.SyntheticLesionGenerator;
import org.lesionsim.imaging.ImagePreprocessor;
import org.lesionsim.imaging.PreprocessingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Preprocessing throughput, 600×450 JPEG → 256×256 PNG: (a) a plain loop over the files, on 1
 * thread and on {@code threads} threads (default 2 = this machine's cores), and (b) through the whole pipeline (ingest
 * import → Kafka → preprocess worker → S3 → event). The gap is the pipeline's overhead.
 * The pipeline runs twice on one stack, cold and warm (docs/throughput.md).
 * Usage: {@code java -cp demo/target/lesionsim-demo.jar org.lesionsim.demo.PipelineBenchmark [N] [threads]}.
 */
@Command(name = "PipelineBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Preprocessing throughput: a plain loop over the files against the whole pipeline.")
public final class PipelineBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "synthetic 600x450 JPEGs")
    private int n = 200;
    @Parameters(index = "1", arity = "0..1", paramLabel = "THREADS", description = "of the plain loop (this machine's cores)")
    private int threads = 2;
    @Option(names = "--passes", description = "imports of the same images through one stack: the first is cold, the last is the steady state")
    private int passes = 2;

    public static void main(String[] args) {
        Commands.run(new PipelineBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path data = root.resolve(".lesionsim/bench-" + System.currentTimeMillis());
        Path dataset = data.resolve("synthetic-ham10000");
        System.out.println("generating " + n + " synthetic 600x450 JPEGs ...");
        SyntheticLesionGenerator.writeDataset(dataset, n, 11);
        List<Ham10000Record> records = Ham10000Dataset.open(dataset).withClasses(List.of("nv", "mel")).records();
        List<Path> files = records.stream().map(Ham10000Record::image).toList();
        PreprocessingConfig config = PreprocessingConfig.research(256);
        Path out = Files.createDirectories(data.resolve("plain-loop"));

        loop(files, config, out, 1); // warm-up: JIT, ImageIO plugin registry
        double single = loop(files, config, out, 1);
        double parallel = loop(files, config, out, threads);
        System.out.printf("(a) plain loop, 1 thread:         %.1f images/s%n", single);
        System.out.printf("(a) plain loop, %d threads:        %.1f images/s%n", threads, parallel);

        Map<String, String> workerConfig = Map.of("lesionsim.ingest.import-roots", data.toString(),
                "lesionsim.preprocess.resolution", "256");
        try (DemoStack stack = DemoStack.start(root, data, workerConfig, List.of("ingest", "preprocess"));
             PipelineWatch watch = stack.watch(List.of("cases.received", "images.preprocessed", "dead-letter.preprocess"))) {
            // Twice through the same stack: the first pass is what a freshly started pipeline does
            // (its JIT compiles the Kafka, S3 and worker code paths while it runs); the second is the
            // steady state, comparable with the plain loop, which is also measured after a warm-up.
            double cold = pass(stack, watch, dataset, "cold", 0, parallel);
            double warm = cold;
            for (int p = 1; p < passes; p++) {
                warm = pass(stack, watch, dataset, passes == 2 ? "warm" : "warm " + p, p * records.size(), parallel);
            }
            System.out.printf("plain loop CPU per image (1 thread, wall): %.1f ms; pipeline (b)/(a, %d threads): cold %.0f%%, warm %.0f%%%n",
                    1e3 / single, threads, 100 * cold / parallel, 100 * warm / parallel);
        }
        return 0;
    }

    /** One folder import through ingest and preprocess; {@code before} cases were seen by earlier passes. Returns images/s. */
    private static double pass(DemoStack stack, PipelineWatch watch, Path dataset, String label, int before, double parallel)
            throws Exception {
        List<String> topics = List.of("cases.received", "images.preprocessed", "dead-letter.preprocess");
        Map<String, Double> cpuBefore = stack.cpuSeconds();
        java.time.Instant from = java.time.Instant.now(); // printed to cut worker profiles (-Dlesionsim.worker.jfr) to this pass
        long t = System.nanoTime();
        int total = stack.importFolder(dataset, List.of("nv", "mel"));
        long[] ingestDone = {0};
        watch.awaitAll(2 * (before + total), topics, Duration.ofMinutes(20), x -> {
            if (ingestDone[0] == 0 && watch.count("cases.received") >= before + total) {
                ingestDone[0] = System.nanoTime();
            }
        });
        double seconds = (System.nanoTime() - t) / 1e9;
        double pipeline = total / seconds;
        System.out.printf("(b, %s) %s to %s%n", label, from, java.time.Instant.now());
        System.out.printf("(b, %s) ingest stage alone (file -> S3 -> cases.received): %.1f images/s%n", label, total / ((ingestDone[0] - t) / 1e9));
        System.out.printf("(b, %s) pipeline (ingest -> Kafka -> worker -> S3), one replica each: %.1f images/s over %d images = %.0f%% of (a)%n",
                label, pipeline, total, 100 * pipeline / parallel);
        // Where the CPU went: on one small machine the broker and the S3 server compete with the
        // workers for the same cores.
        Map<String, Double> cpuAfter = stack.cpuSeconds();
        double[] sum = {0};
        cpuAfter.forEach((process, after) -> {
            double ms = 1e3 * (after - cpuBefore.getOrDefault(process, 0.0)) / total;
            sum[0] += ms;
            System.out.printf("    CPU during (b, %s), %-13s %6.1f ms per image%n", label, process, ms);
        });
        System.out.printf("    CPU during (b, %s), all processes %6.1f ms per image%n", label, sum[0]);
        return pipeline;
    }

    static double loop(List<Path> files, PreprocessingConfig config, Path out, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                byte[] png = ImagePreprocessor.preprocess(Files.readAllBytes(files.get(k)), config).png();
                Files.write(out.resolve(k + ".png"), png);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        pool.shutdown();
        return files.size() / seconds;
    }
}
