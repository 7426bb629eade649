package org.lesionsim.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * Scale-out by partition: two replicas each of preprocess, inversion and progression (their packaged
 * jars, one consumer group per worker, 4-partition topics) share the cases: every case is walked,
 * no case gets two distinct outputs at any stage (a redelivery may repeat an output, with the same
 * event id), both replicas of each worker do part of the work, and every replica serves with the
 * published checkpoint (checkpoint announcements reach each replica through its own group).
 */
class ScaleOutIT {
    private static final List<String> STAGES = List.of("images.preprocessed", "latents.inverted", "simulations.rendered");

    @Test
    void tworeplicasPerWorkerShareThePartitionsAndNoCaseIsProcessedTwice() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of("target"), "scale-");
        int n = 16;
        // As the demo runs them: the progression replicas walk the shipped axis (there is no directions worker
        // here, and only the directions worker factorises a generator).
        Map<String, String> config = new java.util.LinkedHashMap<>(ShippedModels.workerConfig(root.resolve("models")));
        config.put("ai.djl.pytorch.num_threads", "1");
        config.put("lesionsim.progression.steps", "4");
        try (DemoStack stack = DemoStack.start(root, data, config,
                List.of("preprocess", "preprocess", "inversion", "inversion", "progression", "progression"));
             PipelineWatch watch = stack.watch(STAGES)) {
            ObjectStore store = stack.store();
            ShippedModels.publish(stack, store, root.resolve("models"));
            Set<String> cases = new HashSet<>();
            for (int i = 0; i < n; i++) {
                UUID caseId = UUID.randomUUID();
                ObjectRef ref = store.put(ObjectKeys.caseOriginal(caseId, "jpg"), CrashRecoveryIT.jpeg(i), "image/jpeg");
                stack.publish(new CaseReceived(UUID.randomUUID(), Instant.now(), caseId, null, CaseReceived.Source.upload, ref, null,
                        i % 2 == 0 ? Diagnosis.NV : Diagnosis.MEL, null));
                cases.add(caseId.toString());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
            while (System.nanoTime() < deadline && !keys(watch, "simulations.rendered").containsAll(cases)) {
                Thread.sleep(250);
            }
            for (String stage : STAGES) {
                assertThat(keys(watch, stage)).as("every case reached " + stage).containsAll(cases);
                Map<String, Set<String>> eventIds = new HashMap<>();
                for (ConsumerRecord<String, String> r : watch.seen(stage)) {
                    eventIds.computeIfAbsent(r.key(), k -> new HashSet<>())
                            .add(org.lesionsim.events.EventCodec.mapper().readTree(r.value()).path("eventId").asText());
                }
                assertThat(eventIds).as(stage + ": one distinct output per case").allSatisfy((k, ids) -> assertThat(ids).hasSize(1));
            }
            HttpClient http = HttpClient.newHttpClient();
            Map<String, String> topicOf = Map.of("preprocess", "cases.received", "inversion", "images.preprocessed",
                    "progression", "latents.inverted");
            for (String worker : topicOf.keySet()) {
                List<WorkerProcess> replicas = stack.replicas(worker);
                assertThat(replicas).hasSize(2);
                double total = 0;
                for (WorkerProcess w : replicas) {
                    String metrics = http.send(HttpRequest.newBuilder(URI.create(w.baseUrl() + "/q/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    double processed = ConsoleBenchmark.sumMetric(metrics, "lesionsim_events_processed_total",
                            "topic=\"" + topicOf.get(worker) + "\"");
                    assertThat(processed).as(worker + " replica " + w.baseUrl() + " did part of the work").isPositive();
                    total += processed;
                    System.out.printf("SCALE-OUT %s replica %s processed %.0f of %d cases%n", worker, w.baseUrl(), processed, n);
                    if (!worker.equals("preprocess")) {
                        assertThat(metrics).as(worker + " replica serves the published encoder, on the CPU (lesionsim.device auto)")
                                .containsPattern("lesionsim_model_info\\{[^}]*checkpoint=\"ham10000-e4e64[^\"]*\",device=\"cpu\\(\\)\"");
                    }
                }
                assertThat(total).as(worker + ": the replicas together processed every case").isGreaterThanOrEqualTo(n);
            }
        }
    }

    private static Set<String> keys(PipelineWatch watch, String topic) {
        Set<String> keys = new HashSet<>();
        watch.seen(topic).forEach(r -> keys.add(r.key()));
        return keys;
    }
}
