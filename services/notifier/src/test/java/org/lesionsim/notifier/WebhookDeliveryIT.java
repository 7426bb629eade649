package org.lesionsim.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lesionsim.worker.DeadLetterReason.WEBHOOK_REJECTED;
import static org.lesionsim.worker.DeadLetterReason.WEBHOOK_UNREACHABLE;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.DicomPseudonyms;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * The notifier on the real broker and the real S3 server, posting to real HTTP endpoints in this
 * JVM: a webhook that fails at first gets the delivery once it answers, signed with the key's
 * secret and under one delivery id; one that never answers ends as a dead letter with the event.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
@QuarkusTestResource(WebhookKeysResource.class)
class WebhookDeliveryIT {

    @Inject
    ObjectStore store;

    private static TopicProbe probe() {
        return new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
    }

    /** A scored case submitted by {@code keyId} (null: no submission.json), its table and plot in the store. */
    private MetricsScored scoredCase(String keyId) throws Exception {
        UUID caseId = UUID.randomUUID();
        if (keyId != null) {
            Map<String, Object> submission = new LinkedHashMap<>();
            submission.put("submitter", keyId);
            submission.put("dicom", new DicomPseudonyms("2.25.1", "2.25.2", "2.25.3"));
            store.put(ObjectKeys.caseSubmission(caseId), EventCodec.mapper().writeValueAsBytes(submission), "application/json");
        }
        String folder = ObjectKeys.simulationPrefix(caseId, "ckpt-test", "sefa:0", "all", List.of(0.0, 1.0), "fixed", null);
        ObjectRef table = store.put(folder + "metrics.csv", "frame,alpha\n0,0\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        ObjectRef plot = store.put(folder + "metrics.png", new byte[]{(byte) 0x89, 'P', 'N', 'G'}, "image/png");
        return new MetricsScored(UUID.randomUUID(), Instant.now(), caseId, "ckpt-test", UUID.randomUUID(), List.of(0.0, 2.0),
                List.of(new MetricsScored.Score("tds", MetricsScored.Status.ok, List.of(1.0, 2.0), 1.0)), true, table, plot);
    }

    private static void publish(TopicProbe probe, MetricsScored scored) {
        String json = EventCodec.toJson(scored);
        EventSchemas.assertValid(json);
        probe.send("metrics.scored", scored.caseId().toString(), json);
    }

    private List<JsonNode> attempts(UUID caseId, UUID deliveryId) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String key : store.list(ObjectKeys.deliveryPrefix(caseId, deliveryId))) {
            records.add(EventCodec.mapper().readTree(store.get(key)));
        }
        records.sort(java.util.Comparator.comparingInt(r -> r.path("attempt").asInt()));
        return records;
    }

    @Test
    void aWebhookThatFailsAtFirstGetsTheSignedDeliveryOnceItAnswers() throws Exception {
        int port = WebhookKeysResource.PORTS.get("hook-flaky");
        MetricsScored scored = scoredCase("hook-flaky");
        UUID deliveryId = WebhookDelivery.deliveryId(scored.eventId(), "hook-flaky");
        List<WebhookReceiver.Received> failed;
        try (TopicProbe probe = probe(); WebhookReceiver unavailable = WebhookReceiver.start(port, 503)) {
            publish(probe, scored);
            failed = unavailable.await(2, Duration.ofSeconds(60));
        }
        WebhookReceiver.Received delivered;
        try (WebhookReceiver ok = WebhookReceiver.start(port, 200)) {
            delivered = ok.await(1, Duration.ofSeconds(30)).get(0);
        }

        List<WebhookReceiver.Received> all = new ArrayList<>(failed);
        all.add(delivered);
        for (WebhookReceiver.Received r : all) {
            assertThat(r.header("X-Lesionsim-Delivery")).as("delivery id, every attempt").isEqualTo(deliveryId.toString());
            assertThat(WebhookSignature.matches(WebhookKeysResource.SECRET, r.header("X-Lesionsim-Timestamp"), r.body(),
                    r.header("X-Lesionsim-Signature"))).as("signature verifies with the key's secret").isTrue();
            assertThat(Long.parseLong(r.header("X-Lesionsim-Timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(120L));
        }
        assertThat(WebhookSignature.matches("another-secret", delivered.header("X-Lesionsim-Timestamp"), delivered.body(),
                delivered.header("X-Lesionsim-Signature"))).isFalse();
        JsonNode body = EventCodec.mapper().readTree(delivered.body());
        assertThat(body.path("caseId").asText()).isEqualTo(scored.caseId().toString());
        assertThat(body.path("eventId").asText()).isEqualTo(scored.eventId().toString());
        assertThat(body.path("checkpointId").asText()).isEqualTo("ckpt-test");
        assertThat(body.path("verdict").path("monotone").asBoolean()).isTrue();
        assertThat(body.path("dicom").path("sopInstanceUid").asText()).isEqualTo("2.25.3");
        assertThat(body.path("results").path("bundle").asText())
                .isEqualTo("https://lesionsim.test/api/cases/" + scored.caseId() + "/bundle");
        // The presigned links really fetch the objects.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<byte[]> table = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(body.path("results").path("table").asText())).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(new String(table.body(), StandardCharsets.UTF_8)).startsWith("frame,alpha");

        List<JsonNode> records = awaitRecords(scored.caseId(), deliveryId, r -> r.path("status").asInt() == 200);
        assertThat(records.size()).as("attempts recorded").isGreaterThanOrEqualTo(3);
        assertThat(records.get(0).path("status").asInt()).isEqualTo(503);
        assertThat(records.get(records.size() - 1).path("status").asInt()).isEqualTo(200);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.path("deliveryId").asText()).isEqualTo(deliveryId.toString());
            assertThat(r.has("latencyMs")).isTrue();
            assertThat(r.toString()).doesNotContain(WebhookKeysResource.SECRET).doesNotContain("results").doesNotContain("2.25.3");
        });
    }

    private List<JsonNode> awaitRecords(UUID caseId, UUID deliveryId, java.util.function.Predicate<JsonNode> last) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<JsonNode> records = attempts(caseId, deliveryId);
            if (!records.isEmpty() && last.test(records.get(records.size() - 1)) || System.nanoTime() > deadline) {
                return records;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aWebhookThatNeverAnswersEndsAsADeadLetterWithTheEvent() throws Exception {
        MetricsScored scored = scoredCase("hook-down");
        String json = EventCodec.toJson(scored);
        try (TopicProbe probe = probe(); TopicProbe.Subscription dead = probe.subscribe("dead-letter.notifier")) {
            publish(probe, scored);
            ConsumerRecord<String, String> record = dead.await(r -> scored.caseId().toString().equals(r.key()), Duration.ofSeconds(90));
            DeadLetter letter = EventCodec.fromJson(record.value(), DeadLetter.class);
            assertThat(letter.reasonCode()).isEqualTo(WEBHOOK_UNREACHABLE.name());
            assertThat(letter.worker()).isEqualTo("notifier");
            assertThat(letter.sourceTopic()).isEqualTo("metrics.scored");
            assertThat(letter.originalEvent()).isEqualTo(json);
            assertThat(letter.reason()).contains("hook-down").doesNotContain(WebhookKeysResource.SECRET);
        }
        List<JsonNode> records = attempts(scored.caseId(), WebhookDelivery.deliveryId(scored.eventId(), "hook-down"));
        assertThat(records).hasSize(6); // %test.lesionsim.notifier.max-attempts
        assertThat(records).allSatisfy(r -> assertThat(r.path("error").asText()).isEqualTo("ConnectException"));
    }

    @Test
    void aWebhookThatRefusesIsNotRetried() throws Exception {
        MetricsScored scored = scoredCase("hook-refusing");
        try (TopicProbe probe = probe(); TopicProbe.Subscription dead = probe.subscribe("dead-letter.notifier");
             WebhookReceiver refusing = WebhookReceiver.start(WebhookKeysResource.PORTS.get("hook-refusing"), 401)) {
            publish(probe, scored);
            ConsumerRecord<String, String> record = dead.await(r -> scored.caseId().toString().equals(r.key()), Duration.ofSeconds(60));
            assertThat(EventCodec.fromJson(record.value(), DeadLetter.class).reasonCode()).isEqualTo(WEBHOOK_REJECTED.name());
            assertThat(refusing.await(1, Duration.ofSeconds(1))).hasSize(1);
        }
        assertThat(attempts(scored.caseId(), WebhookDelivery.deliveryId(scored.eventId(), "hook-refusing"))).hasSize(1);
    }

    @Test
    void casesWithoutASenderToTellAreSkipped() throws Exception {
        MetricsScored anonymous = scoredCase(null);
        MetricsScored noHook = scoredCase("no-hook");
        try (TopicProbe probe = probe(); TopicProbe.Subscription dead = probe.subscribe("dead-letter.notifier")) {
            publish(probe, anonymous);
            publish(probe, noHook);
            List<ConsumerRecord<String, String>> letters = dead.drain(Duration.ofSeconds(4));
            assertThat(letters).noneMatch(r -> anonymous.caseId().toString().equals(r.key()) || noHook.caseId().toString().equals(r.key()));
        }
        assertThat(store.list("deliveries/" + anonymous.caseId() + "/")).isEmpty();
        assertThat(store.list("deliveries/" + noHook.caseId() + "/")).isEmpty();
    }

    @Test
    void latencyFromScoredEventToWebhook() throws Exception {
        List<Double> millis = new ArrayList<>();
        try (TopicProbe probe = probe(); WebhookReceiver fast = WebhookReceiver.start(WebhookKeysResource.PORTS.get("hook-fast"), 200)) {
            for (int i = 0; i < 8; i++) {
                MetricsScored scored = scoredCase("hook-fast");
                long t0 = System.nanoTime();
                publish(probe, scored);
                WebhookReceiver.Received r = fast.await(1, Duration.ofSeconds(30)).get(0);
                assertThat(r.header("X-Lesionsim-Delivery")).isEqualTo(WebhookDelivery.deliveryId(scored.eventId(), "hook-fast").toString());
                millis.add((r.arrivalNanos() - t0) / 1e6);
            }
        }
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("WEBHOOK LATENCY metrics.scored published -> webhook received (immediate 200), %d deliveries: "
                        + "first %.1f ms, median %.1f ms, min %.1f ms, max %.1f ms; all %s%n", millis.size(), millis.get(0),
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1),
                millis.stream().map(m -> String.format("%.1f", m)).toList());
    }
}
