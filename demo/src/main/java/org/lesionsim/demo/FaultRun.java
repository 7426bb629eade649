package org.lesionsim.demo;

import org.lesionsim.tools.Commands;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.lesionsim.data.synthetic.SyntheticLesionGenerator;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The fault run (a benchmark command, and {@code FaultRunIT} with a smaller N): the whole chain
 * (preprocess → inversion → progression → metrics, directions beside it; packaged jars, real broker
 * and S3 server) is fed a stream of cases while every worker is killed with SIGKILL at seeded random
 * moments and restarted, the broker is killed with SIGKILL once and started again on the same ports
 * and log directory, and the S3 server is down for 30 s. Then it checks what must hold afterwards:
 * no case lost, no case with two distinct outputs at any stage, dead letters only for bad input, no
 * consumer-group partition left behind, and that the workers which met the store outage turned
 * not-ready and came back by themselves.
 *
 * <p>A supervisor stands in for the orchestrator: a worker process that dies by itself or reports
 * liveness DOWN for 15 s is restarted, and counted, since a short outage should never need it.
 *
 * <p>Usage: {@code java -Dai.djl.offline=true -cp demo/target/lesionsim-demo.jar org.lesionsim.demo.FaultRun N
 * [--seed S] [--bad K] [--kills K] [--store-outage SECONDS] [--no-broker-restart] [--window W] [--replicas R] [--warm-up W]
 * [--concurrency C]}
 *
 * <p>With {@code --kills 0 --store-outage 0 --no-broker-restart} it is the case latency and throughput
 * benchmark (issue 12 item 2): cases/s, p50/p95 from {@code cases.received} to {@code metrics.scored}, and
 * CPU per case per process, with nothing injected. {@code --replicas 2} runs two processes each of
 * preprocess, inversion and progression in their consumer groups ({@link ScaleOutBenchmark} compares
 * 1 and 2 in one run); SIGKILLs then hit the first replica of each. {@code --warm-up W} first streams W
 * other cases through the chain and waits for all of them to be scored, so that what is measured is
 * warmed-up workers (their JIT compilation done) rather than a freshly started pipeline.
 */
@Command(name = "FaultRun", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "N cases through the whole chain while every worker is SIGKILLed, the broker restarted and the store"
                + " down; exits 1 when a case was lost, duplicated, wrongly dead-lettered or stuck.")
public final class FaultRun implements Callable<Integer> {
    static final List<String> WORKERS = List.of("preprocess", "inversion", "directions", "progression", "metrics");
    /** The per-case stages that {@code --replicas} scales out (the directions and metrics workers keep one process). */
    static final List<String> SCALED = List.of("preprocess", "inversion", "progression");
    /** The per-case outputs, in pipeline order; the last one ends a case. */
    static final List<String> STAGES = List.of("images.preprocessed", "latents.inverted", "simulations.rendered", "metrics.scored");
    static final String SCORED = "metrics.scored";
    /** The consumer groups that commit offsets (per-instance groups commit nothing) and the topics each reads. */
    static final Map<String, List<String>> GROUPS = groups();
    private static final Duration LIVENESS_GRACE = Duration.ofSeconds(15);

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("lesionsim-preprocess", List.of("cases.received"));
        g.put("lesionsim-inversion", List.of("images.preprocessed"));
        g.put("lesionsim-directions", List.of("checkpoints.published", "latents.inverted"));
        g.put("lesionsim-progression", List.of("latents.inverted", "jobs.simulate"));
        g.put("lesionsim-metrics", List.of("simulations.rendered", "checkpoints.published"));
        return Collections.unmodifiableMap(g);
    }

    /**
     * @param cases          cases sent, bad ones included
     * @param badCases       of those, cases whose original is not an image (they must end as dead letters)
     * @param killsPerWorker SIGKILLs per worker, each at a seeded random point of the stream
     * @param storeOutage    how long the S3 server stays down (0: never)
     * @param brokerRestart  whether the broker is killed and started again once
     * @param window         most cases in flight (sent, neither scored nor dead-lettered): the stream's pace
     * @param timeout        the whole stream's limit, after which unfinished cases count as lost
     * @param replicas       processes of each of {@link #SCALED}, in one consumer group (scale-out by partition)
     * @param warmUp         good cases streamed and scored before the measured stream, not counted in any figure
     * @param concurrency    cases in flight at once in each process of inversion, progression and metrics (their worker pools)
     */
    record Settings(int cases, long seed, int badCases, int killsPerWorker, Duration storeOutage, boolean brokerRestart, int window,
                    Duration timeout,
                    Path root, Path data, int replicas, int warmUp, int concurrency) {
        /** {@link #WORKERS}, with the extra replicas of {@link #SCALED} after them. */
        List<String> processes() {
            List<String> out = new ArrayList<>(WORKERS);
            for (int r = 1; r < replicas; r++) {
                out.addAll(SCALED);
            }
            return out;
        }
    }

    /** A fault as it happened: when it was injected, when the dependency was back, when every worker was ready again. */
    record Fault(String what, double progress, long atMs, long backMs, long allReadyMs, String note) {
        double downSeconds() {
            return (backMs - atMs) / 1e3;
        }
    }

    /** A change of one worker process's health as the monitor saw it. */
    record Health(long atMs, String worker, String instance, int ready, Set<String> downChecks, int live) {
    }

    /** What the run found; {@link #print} writes the report. */
    record Result(int sent, int good, int bad, int scored, List<String> lost, Map<String, Integer> distinctDuplicates,
                  Map<String, Integer> repeatedDeliveries, Map<String, Integer> directionsWalked, List<String> deadLettersForBad, List<String> deadLettersForGood,
                  int badNotDeadLettered, Map<String, Long> lag, List<String> stuck, double drainSeconds,
                  List<Fault> kills, Fault broker, Fault store, Double brokerFirstScoredS, Double brokerFirstOutputS,
                  Double storeFirstScoredS, Double storeFirstOutputS, Set<String> storeDownWorkers, Set<String> storeNotBackUp,
                  Set<String> brokerDownChecks, List<String> supervisorRestarts, Map<String, Double> cpuPerCaseMs,
                  double stackStartSeconds, int warmUpCases, double warmUpSeconds,
                  double streamSeconds, double wallSeconds, List<Double> caseSeconds) {

        int totalDistinctDuplicates() {
            return distinctDuplicates.values().stream().mapToInt(Integer::intValue).sum();
        }

        void print(PrintStream out) {
            out.printf("FAULT-RUN cases sent %d (good %d, bad input %d), scored %d, lost %d%s%n", sent, good, bad, scored, lost.size(),
                    lost.isEmpty() ? "" : " " + lost.subList(0, Math.min(10, lost.size())));
            out.printf("FAULT-RUN distinct duplicate outputs per stage %s (redeliveries repeating the same event id: %s)%n",
                    distinctDuplicates, repeatedDeliveries);
            out.printf("FAULT-RUN axes walked (simulations.rendered by direction) %s%n", directionsWalked);
            out.printf("FAULT-RUN dead letters %d: for bad input %d %s, for good input %d %s; bad input not dead-lettered %d%n",
                    deadLettersForBad.size() + deadLettersForGood.size(), deadLettersForBad.size(), countBy(deadLettersForBad),
                    deadLettersForGood.size(), countBy(deadLettersForGood), badNotDeadLettered);
            out.printf("FAULT-RUN lag at the end: %d partitions of %d groups, total %d, stuck %s (drained %.1f s after the last case)%n",
                    lag.size(), GROUPS.size(), lag.values().stream().mapToLong(Long::longValue).sum(), stuck.isEmpty() ? "none" : stuck,
                    drainSeconds);
            for (Fault k : kills) {
                out.printf("FAULT-RUN SIGKILL %-11s at %3.0f%% of the stream, %s%n", k.what(), 100 * k.progress(), k.note());
            }
            if (broker != null) {
                out.printf("FAULT-RUN broker SIGKILL at %.0f%%, port open again after %.1f s; after it came back: first output %s, "
                                + "first case scored %s, every worker ready %s; readiness checks DOWN meanwhile %s%n",
                        100 * broker.progress(), broker.downSeconds(), seconds(brokerFirstOutputS), seconds(brokerFirstScoredS),
                        seconds(broker.allReadyMs() < 0 ? null : (broker.allReadyMs() - broker.backMs()) / 1e3), brokerDownChecks);
            }
            if (store != null) {
                out.printf("FAULT-RUN store down %.1f s at %.0f%%; readiness %s DOWN on %s; after it came back: first output %s, "
                                + "first case scored %s, every worker ready %s; not back UP by itself %s%n",
                        store.downSeconds(), 100 * store.progress(), StoreCheck.NAME, storeDownWorkers, seconds(storeFirstOutputS),
                        seconds(storeFirstScoredS),
                        seconds(store.allReadyMs() < 0 ? null : (store.allReadyMs() - store.backMs()) / 1e3), storeNotBackUp);
            }
            out.printf("FAULT-RUN supervisor restarts (a worker that died by itself or stayed not-live): %d %s%n",
                    supervisorRestarts.size(), supervisorRestarts);
            out.printf("FAULT-RUN CPU per case during the stream, ms by process %s%n", cpuPerCaseMs);
            out.printf("FAULT-RUN wall time %.0f s: stack start + models %.0f s, %sstream %.0f s (%.2f cases/s)%n", wallSeconds,
                    stackStartSeconds, warmUpCases == 0 ? "no warm-up, " : String.format("warm-up of %d cases %.0f s, ", warmUpCases,
                            warmUpSeconds), streamSeconds, sent / streamSeconds);
            out.printf("FAULT-RUN case latency, cases.received sent -> metrics.scored, over %d scored cases: p50 %s, p95 %s, max %s%n",
                    caseSeconds.size(), seconds(quantile(caseSeconds, 0.5)), seconds(quantile(caseSeconds, 0.95)),
                    seconds(quantile(caseSeconds, 1.0)));
        }

        /** The nearest-rank quantile of {@code values}; null for none. */
        static Double quantile(List<Double> values, double q) {
            if (values.isEmpty()) {
                return null;
            }
            List<Double> sorted = values.stream().sorted().toList();
            return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
        }

        private static String seconds(Double s) {
            return s == null ? "never" : String.format("%.1f s", s);
        }

        private static Map<String, Long> countBy(List<String> codes) {
            return new TreeMap<>(codes.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting())));
        }
    }

    /** The readiness check of worker-runtime's store outages ({@code StoreOutage.NAME}; the demo does not depend on worker-runtime). */
    static final class StoreCheck {
        static final String NAME = "lesionsim-object-store";

        private StoreCheck() {
        }
    }

    @Parameters(index = "0", paramLabel = "N", description = "cases to stream")
    private int n;
    @Option(names = "--seed", description = "where the faults fall and which cases are bad")
    private long seed = 1;
    @Option(names = "--bad", description = "cases that are not images (dead letters expected); default N/100, at least 1")
    private Integer bad;
    @Option(names = "--kills", description = "SIGKILLs per worker")
    private int kills = 2;
    @Option(names = "--store-outage", paramLabel = "SECONDS", description = "how long the S3 server is down")
    private int outage = 30;
    // A plain flag: picocli's negatable options set the *default* on --no-…, which reads backwards here.
    @Option(names = "--no-broker-restart", description = "do not kill and restart the broker")
    private boolean noBrokerRestart;
    @Option(names = "--window", description = "cases in flight at most")
    private int window = 24;
    @Option(names = "--replicas", description = "processes each of preprocess, inversion and progression (one consumer group each)")
    private int replicas = 1;
    @Option(names = "--warm-up", paramLabel = "W", description = "cases streamed and scored first, not measured (0: measure from a cold start)")
    private int warmUp = 0;
    @Option(names = "--concurrency", paramLabel = "C", description = "cases in flight in each inversion, progression and metrics process")
    private int concurrency = 1;

    public static void main(String[] args) {
        Commands.run(new FaultRun(), args);
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path data = root.resolve(".lesionsim/faults-" + System.currentTimeMillis());
        Result r = run(new Settings(n, seed, bad != null ? bad : Math.max(1, n / 100), kills, Duration.ofSeconds(outage),
                !noBrokerRestart, window, Duration.ofHours(2), root, data, replicas, warmUp, concurrency), System.out);
        r.print(System.out);
        System.out.println("FAULT-RUN logs under " + data.resolve("logs") + " and " + data.resolve("infra"));
        boolean ok = r.lost().isEmpty() && r.totalDistinctDuplicates() == 0 && r.deadLettersForGood().isEmpty()
                && r.badNotDeadLettered() == 0 && r.stuck().isEmpty() && r.storeNotBackUp().isEmpty();
        return ok ? 0 : 1;
    }

    /** Runs the scenario end to end and returns what it found; progress lines go to {@code log}. */
    static Result run(Settings s, PrintStream log) throws Exception {
        // The clients' reconnect warnings while the broker is down would bury the report (slf4j-simple; read at first use).
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        long t0 = System.nanoTime();
        Random random = new Random(s.seed());
        Path models = s.root().resolve("models");
        int good = s.cases() - s.badCases();
        Path dataset = s.data().resolve("synthetic");
        // Small originals (200×150) and 64² preprocessing keep each case cheap; the chain is the same.
        List<SyntheticLesionGenerator.WrittenImage> images = SyntheticLesionGenerator.writeDataset(dataset,
                new SyntheticLesionGenerator.Settings(good + s.warmUp(), s.seed(), 0.4, 200, 150), () -> { });

        Map<String, String> config = new LinkedHashMap<>(ShippedModels.workerConfig(models));
        config.put("ai.djl.pytorch.num_threads", "1");
        config.put("lesionsim.preprocess.resolution", "64");
        config.put("lesionsim.progression.steps", "4");
        for (String pool : List.of("inversion-pool", "progression-pool", "scoring-pool")) {
            config.put("smallrye.messaging.worker." + pool + ".max-concurrency", Integer.toString(s.concurrency()));
        }

        List<String> deadLetterTopics = WORKERS.stream().map(w -> "dead-letter." + w).toList();
        List<String> topics = new ArrayList<>(STAGES);
        topics.addAll(deadLetterTopics);
        log.printf("fault run: %d cases (%d bad), seed %d, %d SIGKILLs per worker, store outage %d s, %d replica(s) of %s; "
                        + "starting the stack under %s%n", s.cases(), s.badCases(), s.seed(), s.killsPerWorker(),
                s.storeOutage().toSeconds(), s.replicas(), SCALED, s.data());
        try (DemoStack stack = DemoStack.start(s.root(), s.data(), config, s.processes());
             PipelineWatch watch = stack.watch(topics)) {
            ObjectStore store = stack.store();
            ShippedModels.publish(stack, store, models);

            // The originals are in the store before the stream starts: the stream is the events.
            List<CaseReceived> warmUp = new ArrayList<>();
            List<CaseReceived> events = new ArrayList<>();
            Set<String> goodCases = new HashSet<>();
            Set<String> badCases = new HashSet<>();
            for (SyntheticLesionGenerator.WrittenImage image : images) {
                UUID caseId = UUID.randomUUID();
                ObjectRef ref = store.put(ObjectKeys.caseOriginal(caseId, "jpg"), Files.readAllBytes(image.image()), "image/jpeg");
                CaseReceived e = new CaseReceived(UUID.randomUUID(), Instant.now(), caseId, null, CaseReceived.Source.synthetic, ref,
                        null, Diagnosis.fromCode(image.syntheticCase().dx()), null);
                if (warmUp.size() < s.warmUp()) {
                    warmUp.add(e);
                } else {
                    events.add(e);
                    goodCases.add(caseId.toString());
                }
            }
            for (int i = 0; i < s.badCases(); i++) {
                UUID caseId = UUID.randomUUID();
                byte[] noise = new byte[2048];
                random.nextBytes(noise);
                ObjectRef ref = store.put(ObjectKeys.caseOriginal(caseId, "jpg"), noise, "image/jpeg");
                events.add(new CaseReceived(UUID.randomUUID(), Instant.now(), caseId, null, CaseReceived.Source.synthetic, ref, null,
                        Diagnosis.NV, null));
                badCases.add(caseId.toString());
            }
            Collections.shuffle(events, random);
            double stackStart = (System.nanoTime() - t0) / 1e9;
            log.printf("fault run: stack up with models and %d originals stored in %.0f s; streaming%n", events.size() + warmUp.size(),
                    stackStart);
            double warmUpSeconds = warmUp(stack, watch, warmUp, s, log);

            Faults faults = new Faults(stack, s, random, log);
            AtomicInteger ended = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            Map<String, Long> sentAtMs = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, Double> cpuBefore = stack.cpuSeconds();
            long tStream = System.nanoTime();
            Thread feeder = new Thread(() -> {
                for (CaseReceived e : events) {
                    while (sent.get() - ended.get() >= s.window()) {
                        sleep(100);
                    }
                    sentAtMs.put(e.caseId().toString(), System.currentTimeMillis());
                    publishRetrying(stack, e);
                    sent.incrementAndGet();
                }
            }, "fault-run-feeder");
            feeder.setDaemon(true);
            feeder.start();
            faults.startMonitor();

            Map<String, Map<String, Set<String>>> eventIds = new HashMap<>();
            Map<String, Integer> records = new HashMap<>();
            Map<String, Integer> directions = new TreeMap<>();
            Set<String> scored = new HashSet<>();
            Set<String> deadLettered = new HashSet<>();
            List<String> deadForBad = new ArrayList<>();
            List<String> deadForGood = new ArrayList<>();
            List<Long> scoredAt = new ArrayList<>();
            List<Double> caseSeconds = new ArrayList<>();
            List<Long> outputAt = new ArrayList<>();
            Set<String> all = new HashSet<>(goodCases);
            all.addAll(badCases);
            long deadline = System.nanoTime() + s.timeout().toNanos();
            long lastReport = System.nanoTime();
            while (System.nanoTime() < deadline && (ended.get() < s.cases() || !faults.allDone())) {
                for (ConsumerRecord<String, String> r : watch.poll(Duration.ofMillis(250))) {
                    JsonNode json = EventCodec.mapper().readTree(r.value());
                    if (r.topic().startsWith("dead-letter.")) {
                        DeadLetter d = EventCodec.fromJson(r.value(), DeadLetter.class);
                        String caseId = d.originalKey();
                        if (!all.contains(caseId)) {
                            continue;
                        }
                        (badCases.contains(caseId) ? deadForBad : deadForGood).add(d.worker() + ":" + d.reasonCode());
                        deadLettered.add(caseId);
                        continue;
                    }
                    String caseId = json.path("caseId").asText(r.key());
                    if (!all.contains(caseId)) {
                        continue; // a warm-up case's late record
                    }
                    eventIds.computeIfAbsent(r.topic(), t -> new HashMap<>()).computeIfAbsent(caseId, c -> new HashSet<>())
                            .add(json.path("eventId").asText());
                    records.merge(r.topic(), 1, Integer::sum);
                    outputAt.add(r.timestamp());
                    if (r.topic().equals("simulations.rendered")) {
                        directions.merge(json.path("direction").asText(), 1, Integer::sum);
                    }
                    if (r.topic().equals(SCORED)) {
                        Long sentAt = sentAtMs.get(caseId);
                        if (scored.add(caseId) && sentAt != null) {
                            caseSeconds.add((r.timestamp() - sentAt) / 1e3); // the first score of a case, by its producer's clock
                        }
                        scoredAt.add(r.timestamp());
                    }
                }
                Set<String> done = new HashSet<>(scored);
                done.addAll(deadLettered);
                done.retainAll(all);
                ended.set(done.size());
                faults.progress(ended.get() / (double) s.cases());
                if (System.nanoTime() - lastReport > 30e9) {
                    lastReport = System.nanoTime();
                    log.printf("fault run: %.0f s, sent %d, ended %d (scored %d, dead letters %d), faults done %d of %d%n",
                            (System.nanoTime() - tStream) / 1e9, sent.get(), ended.get(), scored.size(), deadLettered.size(),
                            faults.done(), faults.planned());
                }
            }
            double streamSeconds = (System.nanoTime() - tStream) / 1e9;
            faults.stopMonitor();
            Files.write(stack.logs().resolve("fault-run-health.log"), faults.healthLog());
            Map<String, Double> cpuPerCase = new LinkedHashMap<>();
            stack.cpuSeconds().forEach((process, now) -> cpuPerCase.put(process, Math.round(1e4 * (now
                    + faults.cpuOfEndedProcesses().getOrDefault(process, 0.0) - cpuBefore.getOrDefault(process, 0.0)) / events.size()) / 10.0));
            log.printf("fault run: stream over after %.0f s; waiting for every consumer group to commit its last offsets%n",
                    streamSeconds);

            long tDrain = System.nanoTime();
            Map<String, Long> lag = lag(stack.bootstrapServers());
            while (lag.values().stream().anyMatch(l -> l > 0) && System.nanoTime() - tDrain < Duration.ofMinutes(3).toNanos()) {
                sleep(1000);
                lag = lag(stack.bootstrapServers());
            }
            double drain = (System.nanoTime() - tDrain) / 1e9;
            List<String> stuck = lag.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + "=" + e.getValue()).toList();

            List<String> lost = new ArrayList<>(all);
            lost.removeAll(scored);
            lost.removeAll(deadLettered);
            int badNotDead = (int) badCases.stream().filter(c -> !deadLettered.contains(c)).count();
            Map<String, Integer> distinct = new LinkedHashMap<>();
            Map<String, Integer> repeats = new LinkedHashMap<>();
            for (String stage : STAGES) {
                Map<String, Set<String>> byCase = eventIds.getOrDefault(stage, Map.of());
                distinct.put(stage, (int) byCase.values().stream().filter(ids -> ids.size() > 1).count());
                int ids = byCase.values().stream().mapToInt(Set::size).sum();
                repeats.put(stage, records.getOrDefault(stage, 0) - ids);
            }
            Fault broker = faults.broker();
            Fault storeFault = faults.store();
            return new Result(events.size(), good, s.badCases(), (int) scored.stream().filter(goodCases::contains).count(), lost,
                    distinct, repeats, directions, deadForBad, deadForGood, badNotDead, lag, stuck, drain, faults.kills(), broker, storeFault,
                    firstAfter(scoredAt, broker), firstAfter(outputAt, broker), firstAfter(scoredAt, storeFault),
                    firstAfter(outputAt, storeFault), faults.storeDownWorkers(), faults.storeNotBackUp(), faults.brokerDownChecks(),
                    faults.supervisorRestarts(), cpuPerCase, stackStart, warmUp.size(), warmUpSeconds, streamSeconds, (System.nanoTime() - t0) / 1e9, caseSeconds);
        }
    }

    /**
     * Streams the warm-up cases, at most {@code window} in flight, and returns once every one is scored or
     * dead-lettered (or the run's timeout has passed): seconds taken. Nothing is injected meanwhile.
     */
    private static double warmUp(DemoStack stack, PipelineWatch watch, List<CaseReceived> cases, Settings s, PrintStream log)
            throws IOException {
        if (cases.isEmpty()) {
            return 0.0;
        }
        long t0 = System.nanoTime();
        long deadline = t0 + s.timeout().toNanos();
        Set<String> pending = new HashSet<>();
        cases.forEach(c -> pending.add(c.caseId().toString()));
        int sent = 0;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            while (sent < cases.size() && sent - (cases.size() - pending.size()) < s.window()) {
                publishRetrying(stack, cases.get(sent++));
            }
            for (ConsumerRecord<String, String> r : watch.poll(Duration.ofMillis(250))) {
                if (r.topic().equals(SCORED)) {
                    pending.remove(EventCodec.mapper().readTree(r.value()).path("caseId").asText(r.key()));
                } else if (r.topic().startsWith("dead-letter.")) {
                    pending.remove(EventCodec.fromJson(r.value(), DeadLetter.class).originalKey());
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.printf("fault run: warm-up of %d cases over in %.0f s (%d not ended); measuring from %s (for cutting profiles)%n",
                cases.size(), seconds, pending.size(), Instant.now());
        return seconds;
    }

    /** Seconds from the dependency coming back to the first record (by its producer's timestamp) made after that. */
    private static Double firstAfter(List<Long> times, Fault f) {
        if (f == null) {
            return null;
        }
        return times.stream().filter(t -> t >= f.backMs()).min(Long::compare).map(t -> (t - f.backMs()) / 1e3).orElse(null);
    }

    /** The feeder is a client too: a send the producer gave up on (broker away too long) is tried again. */
    private static void publishRetrying(DemoStack stack, CaseReceived e) {
        Duration pause = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            try {
                stack.publish(e);
                return;
            } catch (IOException failed) {
                if (attempt >= 20) {
                    throw new IllegalStateException("could not publish case " + e.caseId(), failed);
                }
                sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(8)) > 0 ? Duration.ofSeconds(8) : pause.multipliedBy(2);
            }
        }
    }

    /** Lag per consumer-group partition ({@code group topic-partition}): end offset minus committed offset. */
    static Map<String, Long> lag(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, Long> lag = new TreeMap<>();
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get();
                List<String> read = group.getValue().stream().filter(existing::contains).toList();
                if (read.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(read).allTopicNames().get().forEach((topic, d) -> d.partitions()
                        .forEach(part -> latest.put(new TopicPartition(topic, part.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get().forEach((tp, end) -> {
                    OffsetAndMetadata c = committed.get(tp);
                    lag.put(group.getKey() + " " + tp, end.offset() - (c == null ? 0 : c.offset()));
                });
            }
        }
        return lag;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The faults, planned up front from the seed as points of the stream (the fraction of cases
     * ended), injected from their own threads: worker SIGKILLs may overlap one another; the broker
     * restart and the store outage each have the stack to themselves (no worker restart under way),
     * so what the readiness shows meanwhile is theirs alone. Also the health monitor and the supervisor.
     */
    static final class Faults {
        private record Planned(double at, String kind, String worker, long delayMs) {
        }

        private final DemoStack stack;
        private final Settings settings;
        private final PrintStream log;
        private final List<Planned> plan = new ArrayList<>();
        private final List<Future<?>> running = new CopyOnWriteArrayList<>();
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-run-fault");
            t.setDaemon(true);
            return t;
        });
        private final ReadWriteLock exclusive = new ReentrantReadWriteLock(true);
        private final Set<String> handling = ConcurrentHashMap.newKeySet();
        private final List<Fault> kills = new CopyOnWriteArrayList<>();
        private final List<Health> health = new CopyOnWriteArrayList<>();
        private final Map<String, Health> lastHealth = new HashMap<>();
        private final Map<String, Double> cpuOfEnded = new ConcurrentHashMap<>();
        private final List<String> supervisorRestarts = new CopyOnWriteArrayList<>();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private volatile Fault broker;
        private volatile Fault store;
        private volatile double progress;
        private volatile boolean monitoring;
        private Thread monitor;
        private int triggered;

        Faults(DemoStack stack, Settings settings, Random random, PrintStream log) {
            this.stack = stack;
            this.settings = settings;
            this.log = log;
            for (String w : WORKERS) {
                for (int k = 0; k < settings.killsPerWorker(); k++) {
                    plan.add(new Planned(0.05 + 0.8 * random.nextDouble(), "kill", w, random.nextInt(3000)));
                }
            }
            double brokerAt = 0.25 + 0.1 * random.nextDouble(); // drawn either way: the other faults fall where they did
            int brokerJitter = random.nextInt(3000);
            if (settings.brokerRestart()) {
                plan.add(new Planned(brokerAt, "broker", null, brokerJitter));
            }
            if (!settings.storeOutage().isZero()) {
                plan.add(new Planned(0.55 + 0.1 * random.nextDouble(), "store", null, random.nextInt(3000)));
            }
            plan.sort((a, b) -> Double.compare(a.at(), b.at()));
        }

        int planned() {
            return plan.size();
        }

        int done() {
            return (int) running.stream().filter(Future::isDone).count();
        }

        boolean allDone() {
            return triggered == plan.size() && running.stream().allMatch(Future::isDone);
        }

        /** Called by the stream's loop as cases end: injects every fault whose point has come. */
        void progress(double fraction) {
            progress = fraction;
            while (triggered < plan.size() && plan.get(triggered).at() <= fraction) {
                Planned p = plan.get(triggered++);
                running.add(pool.submit(() -> inject(p)));
            }
            for (Future<?> f : running) {
                if (f.isDone()) {
                    try {
                        f.get(); // a fault that could not be injected ends the run with its cause
                    } catch (Exception e) {
                        throw new IllegalStateException("fault injection failed", e);
                    }
                }
            }
        }

        private void inject(Planned p) {
            sleep(p.delayMs());
            switch (p.kind()) {
                case "kill" -> kill(p.worker());
                case "broker" -> restartBroker();
                case "store" -> storeOutage();
                default -> throw new IllegalArgumentException(p.kind());
            }
        }

        private void kill(String name) {
            exclusive.readLock().lock();
            try {
                WorkerProcess w = stack.replicas(name).get(0);
                String key = key(w);
                // The supervisor may be restarting it: then kill the process that replaces it.
                while (true) {
                    if (handling.add(key)) {
                        if (stack.workers().contains(w)) {
                            break;
                        }
                        handling.remove(key);
                    }
                    sleep(500);
                    w = stack.replicas(name).get(0);
                    key = key(w);
                }
                try {
                    double at = progress;
                    long killedAt = System.currentTimeMillis();
                    cpuOfEnded.merge(name, w.cpuTime().toMillis() / 1e3, Double::sum); // a dead process has no CPU time to read
                    w.kill();
                    long t = System.nanoTime();
                    WorkerProcess fresh = stack.restart(w);
                    long readyAt = System.currentTimeMillis();
                    kills.add(new Fault(name, at, killedAt, killedAt, readyAt,
                            String.format("restarted and ready (model loaded) in %.1f s", (System.nanoTime() - t) / 1e9)));
                    log.printf("fault run: SIGKILL %s at %.0f%%, ready again in %.1f s (%s)%n", name, 100 * at,
                            (readyAt - killedAt) / 1e3, fresh.baseUrl());
                } finally {
                    handling.remove(key);
                }
            } finally {
                exclusive.readLock().unlock();
            }
        }

        private void restartBroker() {
            broker = outage("broker", "broker", () -> stack.infra().broker().kill(), "SIGKILL", Duration.ofSeconds(2),
                    () -> stack.infra().broker().restart());
        }

        private void storeOutage() {
            store = outage("store", "S3 server", () -> stack.infra().s3().stop(), "stopped", settings.storeOutage(),
                    () -> stack.infra().s3().restart());
        }

        /**
         * Fault {@code fault}: one server down for {@code downFor}, alone (no worker kill overlaps it,
         * so the readiness seen meanwhile is the outage's), then back; and when every worker was ready again.
         */
        private Fault outage(String fault, String server, Runnable stop, String how, Duration downFor, Runnable restart) {
            exclusive.writeLock().lock();
            try {
                double at = progress;
                long down = System.currentTimeMillis();
                stop.run();
                log.printf("fault run: %s %s at %.0f%% for %d s%n", server, how, 100 * at, downFor.toSeconds());
                sleep(downFor.toMillis());
                restart.run();
                long back = System.currentTimeMillis();
                long ready = awaitAllReady(Duration.ofMinutes(3));
                log.printf("fault run: %s back after %.1f s, every worker ready %.1f s later%n", server, (back - down) / 1e3,
                        (ready - back) / 1e3);
                return new Fault(fault, at, down, back, ready, "");
            } finally {
                exclusive.writeLock().unlock();
            }
        }

        /** Wall-clock time at which every worker answered ready, or -1 if not within {@code timeout}. */
        private long awaitAllReady(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                boolean all = true;
                for (WorkerProcess w : stack.workers()) {
                    Status ready = status(w, "/q/health/ready");
                    record(w, ready, null); // a short UP between two attempts counts too
                    all &= ready.code() == 200;
                }
                if (all) {
                    return System.currentTimeMillis();
                }
                sleep(200);
            }
            return -1;
        }

        /** Adds a health sample when it differs from the last one of that process ({@code live} null: not asked). */
        private synchronized void record(WorkerProcess w, Status ready, Status live) {
            Health prev = lastHealth.get(w.baseUrl());
            int liveCode = live != null ? live.code() : prev != null ? prev.live() : 0;
            if (prev == null || prev.ready() != ready.code() || !prev.downChecks().equals(ready.down()) || prev.live() != liveCode) {
                Health h = new Health(System.currentTimeMillis(), w.name(), w.baseUrl(), ready.code(), ready.down(), liveCode);
                lastHealth.put(w.baseUrl(), h);
                health.add(h);
            }
        }

        /** Every health change seen, one line each (written beside the logs). */
        List<String> healthLog() {
            return health.stream().map(h -> Instant.ofEpochMilli(h.atMs()) + " " + h.worker() + " " + h.instance() + " ready="
                    + h.ready() + " live=" + h.live() + " down=" + h.downChecks()).toList();
        }

        private record Status(int code, Set<String> down) {
        }

        private Status status(WorkerProcess w, String path) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(w.baseUrl() + path)).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                Set<String> down = new java.util.TreeSet<>();
                if (r.statusCode() != 200) {
                    try {
                        for (JsonNode check : EventCodec.mapper().readTree(r.body()).path("checks")) {
                            if (!"UP".equals(check.path("status").asText())) {
                                down.add(check.path("name").asText());
                            }
                        }
                    } catch (IOException notJson) {
                        down.add("(no JSON)");
                    }
                }
                return new Status(r.statusCode(), down);
            } catch (IOException e) {
                return new Status(-1, Set.of("(no answer)"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Status(-1, Set.of("(interrupted)"));
            }
        }

        private static String key(WorkerProcess w) {
            return w.name() + "#" + w.replica();
        }

        /** Polls every worker's readiness and liveness twice a second; restarts a worker that needs the orchestrator. */
        void startMonitor() {
            monitoring = true;
            monitor = new Thread(() -> {
                Map<String, Long> notLiveSince = new HashMap<>();
                while (monitoring) {
                    for (WorkerProcess w : stack.workers()) {
                        Status ready = status(w, "/q/health/ready");
                        Status live = status(w, "/q/health/live");
                        record(w, ready, live);
                        supervise(w, live.code(), System.currentTimeMillis(), notLiveSince);
                    }
                    sleep(500);
                }
            }, "fault-run-monitor");
            monitor.setDaemon(true);
            monitor.start();
        }

        private void supervise(WorkerProcess w, int live, long now, Map<String, Long> notLiveSince) {
            String key = key(w);
            if (handling.contains(key)) {
                notLiveSince.remove(w.baseUrl());
                return;
            }
            String why = null;
            if (!w.isAlive()) {
                why = "exited by itself";
            } else if (live == 200) {
                notLiveSince.remove(w.baseUrl());
            } else if (live == 503) {
                long since = notLiveSince.computeIfAbsent(w.baseUrl(), u -> now);
                if (now - since >= LIVENESS_GRACE.toMillis()) {
                    why = "liveness DOWN for " + LIVENESS_GRACE.toSeconds() + " s";
                }
            }
            if (why != null && handling.add(key)) {
                if (!stack.workers().contains(w)) { // replaced by a restart since this round began
                    handling.remove(key);
                    return;
                }
                String reason = why;
                supervisorRestarts.add(w.name() + " (" + reason + ", at " + Math.round(100 * progress) + "%)");
                log.printf("fault run: supervisor restarts %s: %s; see %s%n", w.name(), reason, w.log());
                running.add(pool.submit(() -> {
                    try {
                        cpuOfEnded.merge(w.name(), w.cpuTime().toMillis() / 1e3, Double::sum);
                        w.kill();
                        stack.restart(w);
                    } finally {
                        handling.remove(key);
                    }
                }));
            }
        }

        void stopMonitor() {
            monitoring = false;
            try {
                if (monitor != null) {
                    monitor.join(5000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool.shutdownNow();
        }

        /** CPU seconds of the worker processes killed during the run, by worker. */
        Map<String, Double> cpuOfEndedProcesses() {
            return Map.copyOf(cpuOfEnded);
        }

        List<Fault> kills() {
            return List.copyOf(kills);
        }

        Fault broker() {
            return broker;
        }

        Fault store() {
            return store;
        }

        List<String> supervisorRestarts() {
            return List.copyOf(supervisorRestarts);
        }

        /** Workers whose readiness showed the store check DOWN while the store was down or soon after it came back. */
        Set<String> storeDownWorkers() {
            return instancesDownOnStore().values().stream().collect(Collectors.toCollection(java.util.TreeSet::new));
        }

        /** Of those, the ones not answering ready (200) at any moment after the store came back, without a restart. */
        Set<String> storeNotBackUp() {
            Set<String> notUp = new java.util.TreeSet<>();
            if (store == null) {
                return notUp;
            }
            instancesDownOnStore().forEach((instance, worker) -> {
                boolean up = health.stream().anyMatch(h -> h.instance().equals(instance) && h.atMs() >= store.backMs() && h.ready() == 200);
                if (!up) {
                    notUp.add(worker);
                }
            });
            return notUp;
        }

        private Map<String, String> instancesDownOnStore() {
            Map<String, String> down = new TreeMap<>();
            if (store == null) {
                return down;
            }
            long until = store.allReadyMs() < 0 ? Long.MAX_VALUE : store.allReadyMs();
            health.stream().filter(h -> h.atMs() >= store.atMs() && h.atMs() <= until && h.downChecks().contains(StoreCheck.NAME))
                    .forEach(h -> down.put(h.instance(), h.worker()));
            return down;
        }

        /** The readiness checks seen DOWN between the broker's SIGKILL and every worker being ready again. */
        Set<String> brokerDownChecks() {
            Set<String> checks = new java.util.TreeSet<>();
            if (broker == null) {
                return checks;
            }
            long until = broker.allReadyMs() < 0 ? Long.MAX_VALUE : broker.allReadyMs();
            health.stream().filter(h -> h.atMs() >= broker.atMs() && h.atMs() <= until)
                    .forEach(h -> h.downChecks().forEach(c -> checks.add(h.worker() + ":" + c)));
            return checks;
        }
    }
}
