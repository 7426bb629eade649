package org.lesionsim.demo;

import org.lesionsim.tools.Commands;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.SimulationRendered;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The console under a view of {@code N} cases (default 1000), each walked through every stage
 * (received, preprocessed, inverted, rendered with 8 frames, scored), on the real broker and S3
 * server. Prints {@code GET /api/cases/{id}} and {@code GET /api/cases} p50/p99, the console's heap
 * and resident memory, the time from a case's {@code metrics.scored} being acknowledged by the
 * broker to the API answering "scored", and how long a restarted console takes to rebuild the
 * view and be ready again. Usage: {@code java -Dai.djl.offline=true -cp demo/target/lesionsim-demo.jar
 * org.lesionsim.demo.ConsoleBenchmark [N]}.
 */
@Command(name = "ConsoleBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "The console under a view of N walked cases: API latency, memory, and rebuild time after a restart.")
public final class ConsoleBenchmark implements Callable<Integer> {
    private static final String KEY = "console-benchmark-operator-key";
    private static final ObjectRef REF = new ObjectRef("bench/object.png", "0".repeat(64), 100, "image/png");

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "cases in the view")
    private int n = 1000;

    public static void main(String[] args) {
        Commands.run(new ConsoleBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path data = root.resolve(".lesionsim/console-bench-" + System.currentTimeMillis());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("lesionsim.api.keys.bench-operator.sha256", sha256(KEY));
        config.put("lesionsim.api.keys.bench-operator.roles", "operator");
        try (DemoStack stack = DemoStack.start(root, data, config, List.of("console"))) {
            String base = stack.worker("console").baseUrl();
            HttpClient http = HttpClient.newHttpClient();
            List<UUID> cases = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                UUID caseId = UUID.randomUUID();
                cases.add(caseId);
                for (var e : walked(caseId, i)) {
                    stack.publish(e);
                }
            }
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            awaitState(http, base, cases.get(n - 1), "scored", Duration.ofMinutes(5));

            // metrics.scored (acked) -> the API says scored, one case at a time.
            List<Long> visible = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                UUID caseId = UUID.randomUUID();
                List<org.lesionsim.events.LesionEvent> events = walked(caseId, n + i);
                for (int k = 0; k < events.size() - 1; k++) {
                    stack.publish(events.get(k));
                }
                awaitState(http, base, caseId, "rendered", Duration.ofSeconds(30));
                stack.publish(events.get(events.size() - 1));
                long sent = System.nanoTime();
                awaitState(http, base, caseId, "scored", Duration.ofSeconds(30));
                visible.add((System.nanoTime() - sent) / 1_000_000);
            }

            Random random = new Random(7);
            for (int i = 0; i < 300; i++) { // warm-up: JIT, connection
                get(http, base + "/api/cases/" + cases.get(random.nextInt(n)));
            }
            long[] one = new long[2000];
            for (int i = 0; i < one.length; i++) {
                long s = System.nanoTime();
                HttpResponse<String> r = get(http, base + "/api/cases/" + cases.get(random.nextInt(n)));
                one[i] = System.nanoTime() - s;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET case: HTTP " + r.statusCode() + " " + r.body());
                }
            }
            long[] page = new long[300];
            for (int i = 0; i < page.length; i++) {
                long s = System.nanoTime();
                get(http, base + "/api/cases?size=50&page=" + random.nextInt(n / 50));
                page[i] = System.nanoTime() - s;
            }
            String metrics = get(http, base + "/q/metrics").body();
            double heap = sumMetric(metrics, "jvm_memory_used_bytes", "area=\"heap\"");
            long rss = stack.worker("console").residentBytes();

            long restartStart = System.nanoTime();
            stack.restart("console");
            double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
            String baseAfter = stack.worker("console").baseUrl();
            JsonNode list = EventCodec.mapper().readTree(get(http, baseAfter + "/api/cases?size=1").body());

            System.out.printf("Console benchmark, %d cases x 5 events (8 frames each), %d cores, console -Xmx768m SerialGC%n",
                    n, Runtime.getRuntime().availableProcessors());
            System.out.printf("  publishing %d events (acks=all, one at a time): %.1f s%n", n * 5, publishSeconds);
            System.out.printf("  GET /api/cases/{id}:          p50 %.2f ms, p99 %.2f ms (%d requests, one client)%n",
                    pct(one, 50), pct(one, 99), one.length);
            System.out.printf("  GET /api/cases?size=50:       p50 %.2f ms, p99 %.2f ms (%d requests)%n", pct(page, 50), pct(page, 99),
                    page.length);
            System.out.printf("  metrics.scored acked -> API shows scored: p50 %d ms, max %d ms (%d cases, polled every 5 ms)%n",
                    visible.stream().sorted().toList().get(visible.size() / 2), visible.stream().mapToLong(x -> x).max().orElse(-1),
                    visible.size());
            System.out.printf("  console memory: heap used %.1f MiB, resident %.1f MiB%n", heap / 1048576, rss / 1048576.0);
            System.out.printf("  restart: ready again (view rebuilt from %d events) in %.1f s; cases after restart: %d of %d%n",
                    (n + 20) * 5, restartSeconds, list.path("total").asInt(), n + 20);
        }
        return 0;
    }

    static List<org.lesionsim.events.LesionEvent> walked(UUID caseId, int i) {
        Instant t = Instant.now();
        Diagnosis dx = i % 5 == 0 ? Diagnosis.MEL : Diagnosis.NV;
        CaseReceived received = new CaseReceived(UUID.randomUUID(), t, caseId, null, CaseReceived.Source.synthetic, REF, null, dx, null,
                null, "bench-operator", null);
        ImagePreprocessed pre = new ImagePreprocessed(UUID.randomUUID(), t.plusMillis(1), caseId, null, received.eventId(), REF, REF, 64,
                "bench", 600, 450, 1, dx);
        LatentsInverted inv = new LatentsInverted(UUID.randomUUID(), t.plusMillis(2), caseId, "bench-enc", pre.eventId(), REF, REF, REF,
                10, 128, 0.02, LatentsInverted.L2_SCALE, 0, dx);
        List<Double> alphas = List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
        SimulationRendered rendered = new SimulationRendered(UUID.randomUUID(), t.plusMillis(3), caseId, "bench-enc", null, inv.eventId(),
                "shipped:all:x", "all", alphas, java.util.Collections.nCopies(8, REF), REF, REF, dx);
        List<Double> perFrame = alphas.stream().map(a -> a / 10).toList();
        MetricsScored scored = new MetricsScored(UUID.randomUUID(), t.plusMillis(4), caseId, "bench-enc", rendered.eventId(), alphas,
                List.of(new MetricsScored.Score("p_mel", MetricsScored.Status.ok, perFrame, 1.0),
                        new MetricsScored.Score("realism_distance", MetricsScored.Status.ok, perFrame, 1.0),
                        new MetricsScored.Score("tds", MetricsScored.Status.ok, perFrame, 1.0)), true, REF, REF);
        return List.of(received, pre, inv, rendered, scored);
    }

    private static void awaitState(HttpClient http, String base, UUID caseId, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(http, base + "/api/cases/" + caseId);
            if (r.statusCode() == 200 && state.equals(EventCodec.mapper().readTree(r.body()).path("state").asText())) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("case " + caseId + " not " + state + " within " + timeout);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** Sum of a Prometheus metric's samples whose labels contain {@code labelMatch}. */
    static double sumMetric(String exposition, String name, String labelMatch) {
        return exposition.lines().filter(l -> l.startsWith(name + "{") && l.contains(labelMatch))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
