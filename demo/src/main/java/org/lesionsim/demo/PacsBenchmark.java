package org.lesionsim.demo;

import org.lesionsim.tools.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.lesionsim.infra.OrthancServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * PACS throughput on this machine: {@code N} synthetic lesions stored in a real Orthanc as fast as
 * create-dicom takes them, followed by ingest (DICOMweb, polling every second) through the whole
 * pipeline to the webhook. Prints instances/s and p50/p95 latency from "stored in the PACS" to
 * {@code cases.received} (the broker's timestamp of the case) and to the webhook delivery.
 * Everything (Orthanc, broker, S3, seven workers) shares the machine's cores; with
 * {@code --ingest-only} only ingest runs (no downstream workers competing), which measures the
 * follower alone. Usage: {@code java -Dai.djl.offline=true -cp demo/target/lesionsim-demo.jar
 * org.lesionsim.demo.PacsBenchmark [N] [--ingest-only]}.
 */
@Command(name = "PacsBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "PACS throughput: N synthetic lesions stored in Orthanc, followed by ingest through the pipeline.")
public final class PacsBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "instances stored")
    private int n = 50;
    @Option(names = "--ingest-only", description = "run ingest alone (no downstream workers competing)")
    private boolean ingestOnly;

    public static void main(String[] args) {
        Commands.run(new PacsBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        List<String> workers = ingestOnly ? List.of("ingest") : DemoPacs.WORKERS;
        if (!OrthancServer.isInstalled()) {
            System.err.println(OrthancServer.notInstalledReason());
            return 2;
        }
        Path root = Path.of("").toAbsolutePath();
        Path data = root.resolve(".lesionsim/pacs-bench-" + System.currentTimeMillis());
        List<String> deadLetters = workers.stream().map(w -> "dead-letter." + w).toList();
        List<String> topics = new ArrayList<>(List.of("cases.received", "metrics.scored"));
        topics.addAll(deadLetters);
        List<byte[]> pngs = new ArrayList<>();
        for (int i = 0; i < n; i++) { // rendered before the clock starts: the benchmark times the PACS path, not the generator
            pngs.add(DemoPacs.syntheticPng(11, i));
        }
        try (OrthancServer orthanc = OrthancServer.start(data.resolve("pacs"))) {
            DemoPacs pacs = new DemoPacs(orthanc, DemoPacs.newPseudonymKey());
            Map<String, String> config = new LinkedHashMap<>(pacs.followerConfig());
            config.put("ai.djl.pytorch.num_threads", "1");
            try (DemoStack stack = DemoStack.start(root, data, config, workers, pacs.followerEnvironment());
                 PipelineWatch watch = stack.watch(topics)) {
                if (!ingestOnly) {
                    ShippedModels.publish(stack, stack.store(), root.resolve("models"));
                }
                Map<String, Double> cpuBefore = stack.cpuSeconds();
                long first = System.currentTimeMillis();
                List<DemoPacs.Sent> sent = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    sent.add(pacs.store(pngs.get(i), DemoPacs.fakePatientTags(i)));
                }
                long stored = System.currentTimeMillis();
                if (ingestOnly) { // the end is cases.received: wait for it, then read the outcomes once
                    watch.awaitAll(n, List.of("cases.received", "dead-letter.ingest"), Duration.ofMinutes(10), x -> { });
                }
                List<DemoPacs.Outcome> outcomes = DemoPacs.follow(watch, stack.webhook(), sent, deadLetters,
                        ingestOnly ? Duration.ZERO : Duration.ofMinutes(30), x -> { });
                List<DemoPacs.Outcome> cased = outcomes.stream().filter(o -> o.caseId() != null).toList();
                List<DemoPacs.Outcome> delivered = outcomes.stream().filter(o -> o.delivery() != null).toList();
                long lastCase = cased.stream().mapToLong(DemoPacs.Outcome::caseReceivedMillis).max().orElse(first);
                long lastDelivery = delivered.stream().mapToLong(o -> o.delivery().receivedMillis()).max().orElse(first);

                System.out.printf("PACS benchmark, %d instances (600x450 RGB PNG -> DICOM), %d cores, ingest polling every %s, workers %s%n",
                        n, Runtime.getRuntime().availableProcessors(), config.get("lesionsim.pacs.poll-interval"), workers);
                System.out.printf("  storing in Orthanc (create-dicom):  %.1f instances/s%n", n / ((stored - first) / 1e3));
                System.out.printf("  store -> cases.received:            %d of %d, %.1f instances/s (first store to last case), p50 %d ms, p95 %d ms%n",
                        cased.size(), n, cased.size() / ((lastCase - first) / 1e3),
                        percentile(cased, 50, o -> o.caseReceivedMillis() - o.sent().storedMillis()),
                        percentile(cased, 95, o -> o.caseReceivedMillis() - o.sent().storedMillis()));
                if (!ingestOnly) {
                    System.out.printf("  store -> webhook delivered:         %d of %d (signature ok %d), %.2f instances/s, p50 %d ms, p95 %d ms%n",
                            delivered.size(), n, delivered.stream().filter(o -> o.delivery().signatureOk()).count(),
                            delivered.size() / ((lastDelivery - first) / 1e3),
                            percentile(delivered, 50, o -> o.delivery().receivedMillis() - o.sent().storedMillis()),
                            percentile(delivered, 95, o -> o.delivery().receivedMillis() - o.sent().storedMillis()));
                }
                System.out.printf("  dead letters:                       %d%n", outcomes.stream().filter(o -> o.deadLetter() != null).count());
                Map<String, Double> cpuAfter = stack.cpuSeconds();
                cpuAfter.forEach((process, after) -> System.out.printf("    CPU %-13s %7.1f ms per instance%n",
                        process, 1e3 * (after - cpuBefore.getOrDefault(process, 0.0)) / n));
            }
        }
        return 0;
    }

    /** Nearest-rank percentile of {@code value} over {@code outcomes}; -1 when there are none. */
    static long percentile(List<DemoPacs.Outcome> outcomes, int p, ToLongFunction<DemoPacs.Outcome> value) {
        long[] sorted = outcomes.stream().mapToLong(value).sorted().toArray();
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
