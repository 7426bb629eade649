package org.lesionsim.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.MetricNames;

/**
 * The preprocess worker on the real broker and the real S3 server: every kind of bad input ends
 * on the dead-letter topic with its reason and the original event, and the worker keeps serving.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class PreprocessWorkerIT {

    @Inject
    ObjectStore store;

    static byte[] lesionJpeg(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(214, 170, 150));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(90, 50, 30));
        g.fillOval(w / 2 - 60, h / 2 - 50, 120, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** A PNG whose header claims 100000 × 100000 pixels: a decompression bomb if decoded. */
    static byte[] pngBombHeader() {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes()).putInt(0xAE426082);
        return png.array();
    }

    CaseReceived stored(byte[] original, String ext) {
        UUID caseId = UUID.randomUUID();
        ObjectRef ref = store.put(ObjectKeys.caseOriginal(caseId, ext), original, "image/" + ext);
        return new CaseReceived(UUID.randomUUID(), Instant.now(), caseId, null, CaseReceived.Source.upload, ref, null, Diagnosis.NV, null);
    }

    @Test
    void badInputIsDeadLetteredWithItsReasonAndTheWorkerKeepsServing() throws Exception {
        byte[] good = lesionJpeg(600, 450);
        Map<String, CaseReceived> bad = new LinkedHashMap<>();
        bad.put("EMPTY", stored(new byte[0], "jpg"));
        bad.put("NOT_AN_IMAGE", stored("%PDF-1.4 definitely not a lesion".getBytes(), "jpg"));
        bad.put("UNSUPPORTED_FORMAT", stored("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(), "png"));
        bad.put("TRUNCATED", stored(Arrays.copyOf(good, good.length / 2), "jpg"));
        bad.put("TOO_MANY_PIXELS", stored(pngBombHeader(), "png"));
        byte[] corrupt = good.clone();
        for (int i = 2; i < 40; i++) {
            corrupt[i] = (byte) 0x00; // wipe the JFIF/SOF markers after SOI
        }
        bad.put("CORRUPT_HEADER", stored(corrupt, "jpg"));
        CaseReceived overwritten = stored(good, "jpg");
        store.put(overwritten.original().key(), lesionJpeg(300, 200), "image/jpeg"); // not the bytes the event names
        bad.put("CHECKSUM_MISMATCH", overwritten);

        CaseReceived first = stored(good, "jpg");
        CaseReceived last = stored(lesionJpeg(450, 600), "jpg");
        CaseReceived missing = new CaseReceived(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, CaseReceived.Source.upload,
                new ObjectRef(ObjectKeys.caseOriginal(UUID.randomUUID(), "jpg"), "0".repeat(64), 1, "image/jpeg"), null, null, null);

        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription out = probe.subscribe("images.preprocessed");
             TopicProbe.Subscription dead = probe.subscribe("dead-letter.preprocess")) {
            probe.send("cases.received", first.partitionKey(), EventCodec.toJson(first));
            for (CaseReceived c : bad.values()) {
                probe.send("cases.received", c.partitionKey(), EventCodec.toJson(c));
            }
            probe.send("cases.received", missing.partitionKey(), EventCodec.toJson(missing));
            probe.send("cases.received", "garbage", "{\"type\":\"case.received\", this is not json");
            probe.send("cases.received", last.partitionKey(), EventCodec.toJson(last));

            for (CaseReceived ok : List.of(first, last)) {
                ConsumerRecord<String, String> r = out.await(m -> ok.partitionKey().equals(m.key()), Duration.ofSeconds(60));
                EventSchemas.assertValid(r.value());
                ImagePreprocessed event = EventCodec.fromJson(r.value(), ImagePreprocessed.class);
                assertThat(event.causationId()).isEqualTo(ok.eventId());
                assertThat(event.diagnosis()).isEqualTo(Diagnosis.NV);
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(store.get(event.image())));
                assertThat(png.getWidth()).isEqualTo(256);
                assertThat(png.getHeight()).isEqualTo(256);
            }
            for (Map.Entry<String, CaseReceived> e : bad.entrySet()) {
                ConsumerRecord<String, String> r = dead.await(m -> e.getValue().partitionKey().equals(m.key()), Duration.ofSeconds(30));
                EventSchemas.assertValid(r.value());
                DeadLetter letter = EventCodec.fromJson(r.value(), DeadLetter.class);
                assertThat(letter.reasonCode()).as("reason for %s: %s", e.getKey(), letter.reason()).isEqualTo(e.getKey());
                assertThat(letter.reason()).isNotBlank();
                assertThat(letter.originalEvent()).isEqualTo(EventCodec.toJson(e.getValue()));
                assertThat(letter.sourceTopic()).isEqualTo("cases.received");
            }
            DeadLetter gone = EventCodec.fromJson(dead.await(m -> missing.partitionKey().equals(m.key()), Duration.ofSeconds(30)).value(), DeadLetter.class);
            assertThat(gone.reasonCode()).isEqualTo("ORIGINAL_MISSING");
            DeadLetter garbage = EventCodec.fromJson(dead.await(m -> "garbage".equals(m.key()), Duration.ofSeconds(30)).value(), DeadLetter.class);
            assertThat(garbage.reasonCode()).isEqualTo("MALFORMED_EVENT");
            // only the two good cases of this test produced output (other tests share the topic)
            java.util.Set<String> ours = new java.util.HashSet<>();
            bad.values().forEach(c -> ours.add(c.partitionKey()));
            ours.addAll(List.of(first.partitionKey(), last.partitionKey(), missing.partitionKey(), "garbage"));
            assertThat(out.drain(Duration.ofSeconds(1))).filteredOn(m -> ours.contains(m.key()))
                    .extracting(ConsumerRecord::key).containsExactlyInAnyOrder(first.partitionKey(), last.partitionKey());
        }
        // The operator's view of the same events at /q/metrics (counted once, in worker-runtime's processThenAck).
        // Counters are shared with the other test of this class, hence "at least"; a counter moves just after
        // its output is durable, hence the wait.
        String metrics = awaitMetrics(m -> counter(m, MetricNames.EVENTS_PROCESSED_TOTAL, "topic=\"cases.received\"") >= 2
                && counter(m, MetricNames.DEAD_LETTERS_TOTAL, "reason_code=\"CHECKSUM_MISMATCH\"") >= 1
                && counter(m, MetricNames.DEAD_LETTERS_TOTAL, "reason_code=\"MALFORMED_EVENT\"") >= 1);
        for (String code : bad.keySet()) {
            assertThat(counter(metrics, MetricNames.DEAD_LETTERS_TOTAL, "reason_code=\"" + code + "\"")).as(code).isGreaterThanOrEqualTo(1);
        }
        assertThat(counter(metrics, MetricNames.DEAD_LETTERS_TOTAL, "reason_code=\"ORIGINAL_MISSING\"")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).containsPattern("(?m)^" + MetricNames.EVENT_PROCESSING_SECONDS_BUCKET + "\\{.*topic=\"cases.received\".*worker=\"preprocess\"")
                .containsPattern("(?m)^" + MetricNames.EVENT_PROCESSING_SECONDS_COUNT + "\\{.*worker=\"preprocess\"")
                // the Kafka client binder: the worker's consumer's lag, tagged with the worker
                .containsPattern("(?m)^" + MetricNames.KAFKA_CONSUMER_RECORDS_LAG_MAX + "\\{.*worker=\"preprocess\"")
                .containsPattern("(?m)^" + MetricNames.KAFKA_CONSUMER_RECORDS_CONSUMED_TOTAL + "\\{")
                .doesNotContain(MetricNames.MODEL_INFO_PROMETHEUS + "{"); // preprocessing serves with no model
        // no case id (nor any other per-case value) is ever a label
        for (CaseReceived c : bad.values()) {
            assertThat(metrics).doesNotContain(c.caseId().toString());
        }
        assertThat(metrics).doesNotContain(first.caseId().toString()).doesNotContain(missing.caseId().toString());
    }

    /** {@code /q/metrics} once {@code ready} holds for it (or as it is after 30 s, for the assertion to show). */
    static String awaitMetrics(java.util.function.Predicate<String> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String metrics;
        do {
            metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
            if (ready.test(metrics)) {
                return metrics;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return metrics;
    }

    /** The value of the series of {@code name} whose labels include {@code label} (and worker=preprocess); 0 if none. */
    static double counter(String metrics, String name, String label) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(label) && l.contains("worker=\"preprocess\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aRedeliveredCaseCreatesNoSecondOutput() throws Exception {
        CaseReceived c = stored(lesionJpeg(600, 450), "jpg");
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription out = probe.subscribe("images.preprocessed")) {
            probe.send("cases.received", c.partitionKey(), EventCodec.toJson(c));
            ImagePreprocessed once = EventCodec.fromJson(out.await(m -> c.partitionKey().equals(m.key()), Duration.ofSeconds(60)).value(), ImagePreprocessed.class);
            List<String> before = store.list("preprocessed/");
            probe.send("cases.received", c.partitionKey(), EventCodec.toJson(c));
            out.await(m -> c.partitionKey().equals(m.key()) && !m.value().equals(EventCodec.toJson(once))
                    && EventCodec.fromJson(m.value(), ImagePreprocessed.class).eventId().equals(once.eventId()), Duration.ofSeconds(60));
            List<ImagePreprocessed> all = out.drain(Duration.ofMillis(500)).stream().filter(m -> c.partitionKey().equals(m.key()))
                    .map(m -> EventCodec.fromJson(m.value(), ImagePreprocessed.class)).toList();
            assertThat(all).hasSize(2).extracting(ImagePreprocessed::eventId).containsOnly(once.eventId());
            assertThat(all).extracting(e -> e.image()).containsOnly(once.image());
            assertThat(store.list("preprocessed/")).isEqualTo(before);
        }
    }

    /**
     * The S3 server goes down with a case in flight: the worker does not stop (as it did: it failed its
     * channel and stayed down until restarted by hand), readiness says why, and once the store is back the
     * case is preprocessed without anyone touching the worker.
     */
    @Test
    void aStoreOutageIsRiddenOutAndTheCaseProcessedWhenTheStoreIsBack() throws Exception {
        CaseReceived c = stored(lesionJpeg(600, 450), "jpg");
        var s3 = LocalInfrastructureResource.infrastructure().s3();
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription out = probe.subscribe("images.preprocessed")) {
            s3.stop();
            try {
                probe.send("cases.received", c.partitionKey(), EventCodec.toJson(c));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                String ready = "";
                while (System.nanoTime() < deadline && !ready.contains("object store unreachable since")) {
                    ready = io.restassured.RestAssured.get("/q/health/ready").then().extract().asString();
                    Thread.sleep(200);
                }
                assertThat(ready).as("readiness during the outage").contains("object store unreachable since");
                assertThat(io.restassured.RestAssured.get("/q/health/ready").statusCode()).isEqualTo(503);
            } finally {
                s3.restart();
            }
            ConsumerRecord<String, String> r = out.await(m -> c.partitionKey().equals(m.key()), Duration.ofSeconds(60));
            ImagePreprocessed done = EventCodec.fromJson(r.value(), ImagePreprocessed.class);
            assertThat(store.get(done.image())).isNotEmpty();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && io.restassured.RestAssured.get("/q/health/ready").statusCode() != 200) {
                Thread.sleep(200);
            }
            assertThat(io.restassured.RestAssured.get("/q/health/ready").statusCode()).as("ready again by itself").isEqualTo(200);
        }
    }
}
