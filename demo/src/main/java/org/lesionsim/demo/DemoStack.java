package org.lesionsim.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lesionsim.events.EventType;
import org.lesionsim.events.LesionEvent;
import org.lesionsim.events.EventCodec;
import org.lesionsim.infra.ChildJvm;
import org.lesionsim.infra.LocalInfrastructure;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.storage.S3Settings;

/**
 * Everything the demo and the pipeline benchmark run on: a real broker and S3 server under one
 * folder, and the workers as separate processes configured to use them.
 */
final class DemoStack implements AutoCloseable {
    /** The console (results and jobs API, dashboard): not a worker of the chain, but started and restarted like one. */
    static final String CONSOLE = "console";

    private final LocalInfrastructure infra;
    private final Map<String, String> config;
    /** Copy-on-write: the fault run restarts workers from its own threads while others read the list. */
    private final List<WorkerProcess> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path logs;
    private final Path projectRoot;
    private final DemoKeys keys;
    private final DemoWebhook webhook;
    private final Map<String, Map<String, String>> environment;
    private KafkaProducer<String, String> producer;
    private volatile boolean modelsLoaded;

    private DemoStack(Path projectRoot, LocalInfrastructure infra, Map<String, String> config, Path logs, DemoKeys keys,
                      DemoWebhook webhook, Map<String, Map<String, String>> environment) {
        this.environment = environment;
        this.projectRoot = projectRoot;
        this.infra = infra;
        this.config = config;
        this.logs = logs;
        this.keys = keys;
        this.webhook = webhook;
    }

    /**
     * Starts broker and store under {@code dataDir}, then the named workers with {@code workerConfig} added.
     * The demo's API key comes from {@code dataDir/keys.properties} (made on first start); with the
     * notifier among the workers, a local webhook receiver stands in for the hospital.
     */
    static DemoStack start(Path projectRoot, Path dataDir, Map<String, String> workerConfig, List<String> workerNames) {
        return start(projectRoot, dataDir, workerConfig, workerNames, Map.of());
    }

    /** As {@link #start(Path, Path, Map, List)}; {@code environment} names, per worker, variables for it alone (its secrets). */
    static DemoStack start(Path projectRoot, Path dataDir, Map<String, String> workerConfig, List<String> workerNames,
                           Map<String, Map<String, String>> environment) {
        DemoKeys keys = DemoKeys.loadOrCreate(dataDir.resolve("keys.properties"));
        LocalInfrastructure infra = LocalInfrastructure.start(dataDir.resolve("infra"), 0, 0);
        DemoWebhook webhook = workerNames.contains("notifier") ? DemoWebhook.start(keys.webhookSecret()) : null;
        Map<String, String> config = new LinkedHashMap<>(infra.clientConfig());
        config.putAll(keys.serviceConfig(webhook == null ? null : webhook.url()));
        config.putAll(workerConfig);
        DemoStack stack = new DemoStack(projectRoot, infra, config, dataDir.resolve("logs"), keys, webhook, environment);
        try {
            // The console last: it is told where the others are, to show their readiness on the pipeline page.
            List<String> ordered = new ArrayList<>(workerNames.stream().filter(n -> !n.equals(CONSOLE)).toList());
            if (workerNames.contains(CONSOLE)) {
                ordered.add(CONSOLE);
            }
            for (String name : ordered) {
                if (name.equals(CONSOLE)) {
                    config.put("lesionsim.console.workers", String.join(",", stack.workers.stream()
                            .map(w -> w.name() + "=" + w.baseUrl()).toList()));
                }
                // A name listed twice is a second replica in the same consumer group (scale-out by partition).
                int replica = (int) stack.workers.stream().filter(w -> w.name().equals(name)).count();
                WorkerProcess worker = WorkerProcess.start(projectRoot, name, replica, ChildJvm.freePort(0), config,
                        environment.getOrDefault(name, Map.of()), stack.logs);
                stack.workers.add(worker);
                if (name.equals("ingest")) { // the bundle link of every webhook
                    config.put("lesionsim.notifier.ingest-public-url", worker.baseUrl());
                }
            }
            // Ready but for the model: the first checkpoints are published after this (ShippedModels.publish,
            // which then waits for full readiness); waiting for that here would never end (docs/DESIGN.md §7).
            for (WorkerProcess w : stack.workers) {
                w.awaitReady(Duration.ofSeconds(120), true);
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts a fresh process of a worker that was stopped or killed, with the same configuration. */
    WorkerProcess restart(String name) {
        return restart(worker(name));
    }

    /** As {@link #restart(String)}, for one replica (its log stays {@code <name>-<replica>.log}). */
    WorkerProcess restart(WorkerProcess old) {
        old.close();
        WorkerProcess fresh = WorkerProcess.start(projectRoot, old.name(), old.replica(), ChildJvm.freePort(0), config,
                environment.getOrDefault(old.name(), Map.of()), logs);
        synchronized (workers) {
            workers.set(workers.indexOf(old), fresh);
        }
        fresh.awaitReady(Duration.ofSeconds(120), !modelsLoaded); // once models are published, a fresh replica loads them first
        return fresh;
    }

    /** Every worker process of the stack as it is now (a restarted one replaces its predecessor). */
    List<WorkerProcess> workers() {
        return List.copyOf(workers);
    }

    /** The broker and the S3 server, for the fault run: to crash and restart them. */
    LocalInfrastructure infra() {
        return infra;
    }

    /**
     * Waits until every worker is fully ready, models loaded included: called once the checkpoints
     * they serve with are published.
     */
    void awaitModelsLoaded(Duration timeout) {
        for (WorkerProcess w : workers) {
            w.awaitReady(timeout);
        }
        modelsLoaded = true;
    }

    /** The dashboard and API of the console, when it is among the workers. */
    String consoleUrl() {
        return worker(CONSOLE).baseUrl() + "/";
    }

    /** Every replica of worker {@code name}, in start order. */
    List<WorkerProcess> replicas(String name) {
        return workers.stream().filter(w -> w.name().equals(name)).toList();
    }

    WorkerProcess worker(String name) {
        return workers.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    /** CPU seconds used so far by each process of the stack: broker, S3 server and every worker. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("kafka-broker", infra.broker().cpuTime().toMillis() / 1e3);
        cpu.put("s3-server", infra.s3().cpuTime().toMillis() / 1e3);
        workers.forEach(w -> cpu.merge(w.name(), w.cpuTime().toMillis() / 1e3, Double::sum)); // replicas summed
        return cpu;
    }

    DemoKeys keys() {
        return keys;
    }

    /** The stand-in hospital's webhook receiver; null without the notifier. */
    DemoWebhook webhook() {
        return webhook;
    }

    Map<String, String> config() {
        return config;
    }

    String bootstrapServers() {
        return infra.broker().bootstrapServers();
    }

    Path logs() {
        return logs;
    }

    ObjectStore store() {
        return new ObjectStore(new S3Settings(config.get("lesionsim.s3.endpoint"), config.get("lesionsim.s3.access-key"),
                config.get("lesionsim.s3.secret-key"), "lesionsim", null));
    }

    PipelineWatch watch(List<String> topics) {
        return new PipelineWatch(bootstrapServers(), topics);
    }

    /** Sends an event to its default topic, keyed as the workers key it, and waits for the broker (acks=all). */
    synchronized void publish(LesionEvent event) throws IOException {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p);
        }
        try {
            producer.send(new ProducerRecord<>(EventType.of(event.getClass()).topic(), event.partitionKey(),
                    EventCodec.toJson(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing " + event.type(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("the broker refused " + event.type(), e.getCause());
        }
    }

    /** Asks the ingest worker to import a HAM10000-layout folder; returns the number of cases. */
    int importFolder(Path dataset, List<String> classes) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String body = EventCodec.mapper().writeValueAsString(Map.of("path", dataset.toString(), "classes", classes));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(worker("ingest").baseUrl() + "/api/imports"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + keys.ingestKey()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("import refused: HTTP " + r.statusCode() + " " + r.body());
        }
        return EventCodec.mapper().readTree(r.body()).path("total").asInt();
    }

    @Override
    public void close() {
        // Workers first (they commit offsets and flush on SIGTERM), all at once; then the servers.
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        WorkerProcess.closeAll(workers);
        if (webhook != null) {
            webhook.close();
        }
        infra.close();
    }
}
