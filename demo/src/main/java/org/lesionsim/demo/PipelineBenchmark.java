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
import picocli.CommandLine.Parameters;

/**
 * Preprocessing throughput, 600×450 JPEG → 256×256 PNG: (a) a plain loop over the files, on 1
 * thread and on {@code threads} threads (default 2 = this machine's cores), and (b) through the whole pipeline (ingest
 * import → Kafka → preprocess worker → S3 → event). The gap is the pipeline's overhead.
 * Usage: {@code java -cp demo/target/lesionsim-demo.jar org.lesionsim.demo.PipelineBenchmark [N] [threads]}.
 */
@Command(name = "PipelineBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Preprocessing throughput: a plain loop over the files against the whole pipeline.")
public final class PipelineBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "synthetic 600x450 JPEGs")
    private int n = 200;
    @Parameters(index = "1", arity = "0..1", paramLabel = "THREADS", description = "of the plain loop (this machine's cores)")
    private int threads = 2;

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
            Map<String, Double> cpuBefore = stack.cpuSeconds();
            long t = System.nanoTime();
            int total = stack.importFolder(dataset, List.of("nv", "mel"));
            long[] ingestDone = {0};
            watch.awaitAll(2 * total, List.of("cases.received", "images.preprocessed", "dead-letter.preprocess"), Duration.ofMinutes(20), x -> {
                if (ingestDone[0] == 0 && watch.count("cases.received") >= total) {
                    ingestDone[0] = System.nanoTime();
                }
            });
            System.out.printf("(b) ingest stage alone (file -> S3 -> cases.received): %.1f images/s%n", total / ((ingestDone[0] - t) / 1e9));
            double seconds = (System.nanoTime() - t) / 1e9;
            double pipeline = total / seconds;
            System.out.printf("(b) pipeline (ingest -> Kafka -> worker -> S3), one worker replica as configured: %.1f images/s over %d images%n",
                    pipeline, total);
            System.out.printf("(b)/(a, %d threads) = %.0f%%%n", threads, 100 * pipeline / parallel);
            // Where the CPU went during (b): on one small machine the broker and the S3 server
            // compete with the workers for the same cores.
            Map<String, Double> cpuAfter = stack.cpuSeconds();
            cpuAfter.forEach((process, after) -> System.out.printf("    CPU during (b), %-13s %6.1f ms per image%n",
                    process, 1e3 * (after - cpuBefore.getOrDefault(process, 0.0)) / total));
            System.out.printf("    plain loop CPU per image (1 thread, wall):   %6.1f ms%n", 1e3 / single);
        }
        return 0;
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
