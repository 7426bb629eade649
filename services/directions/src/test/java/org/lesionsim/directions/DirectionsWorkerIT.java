package org.lesionsim.directions;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.gan.WPlus;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.DirectionsComputed;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.progression.SupervisedDirectionFile;
import org.lesionsim.sefa.DirectionsJson;
import org.lesionsim.sefa.RankedAxis;
import org.lesionsim.sefa.SefaResult;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TestCheckpoints;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * The directions worker on the real broker and S3 server: a generator checkpoint gets SeFa directions
 * per layer selection; labelled latents whose two classes a planted SeFa direction separates get a
 * ranking with that direction first (oriented towards melanoma) and a supervised direction along it;
 * a case in flight when a newer checkpoint arrives still counts for its own generator while the new
 * generator's cases are ranked under the new id; unusable input is dead-lettered with its reason.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class DirectionsWorkerIT {
    /** 8x8, w = 16, channels <= 16: 4 W+ rows, loads and factorises in milliseconds. */
    static final GeneratorConfig TINY = new GeneratorConfig(8, 16, 16, 2, 128, 16, 3, null, 0.01f, 0.995f);
    static final int PLANTED = 2;
    static final Duration WAIT = Duration.ofMinutes(2);

    @Inject
    ObjectStore store;

    @Test
    void rankingPutsThePlantedDirectionFirstAndANewerCheckpointDropsNoCaseInFlight() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = probe(); TopicProbe.Subscription computed = probe.subscribe("directions.computed")) {
            CheckpointPublished g1 = publishGenerator(probe, "g8-" + suffix + "-a", 1);
            for (String layers : List.of("all", "coarse")) {
                DirectionsComputed sefa = directions(computed.await(r -> is(r, g1, "sefa", layers, false), WAIT));
                assertThat(sefa.count()).isEqualTo(TINY.wDim());
                assertThat(sefa.topEigenvalues()).hasSize(SefaDirections.TOP_EIGENVALUES).isSortedAccordingTo((a, b) -> Double.compare(b, a));
                assertThat(sefa.directions().key()).isEqualTo("directions/" + g1.checkpointId() + "/sefa-" + layers + ".json");
            }
            SefaResult sefaAll = DirectionsJson.readSefa(store.get("directions/" + g1.checkpointId() + "/sefa-all.json"));
            float[] planted = sefaAll.directions()[PLANTED];
            CheckpointPublished e1 = publishEncoder(probe, "e8-" + suffix + "-a", g1);

            // Three nevi at +3·u and three melanomas at −3·u around a common point: only axis PLANTED separates them.
            Random random = new Random(7);
            float[] centre = gaussian(random, TINY.wDim(), 1.0);
            for (int i = 0; i < 3; i++) {
                sendLatents(probe, e1, cluster(random, centre, planted, +3), Diagnosis.NV);
                sendLatents(probe, e1, cluster(random, centre, planted, -3), Diagnosis.MEL);
            }
            DirectionsComputed ranked = directions(computed.await(r -> is(r, g1, "sefa", "all", true), WAIT));
            List<RankedAxis> ranking = DirectionsJson.readRanking(store.get(ranked.ranking()));
            assertThat(ranking.get(0).index()).as("the planted axis ranks first").isEqualTo(PLANTED);
            assertThat(ranking.get(0).auc()).isEqualTo(1.0);
            assertThat(dot(ranking.get(0).direction(), planted)).as("oriented towards the melanomas at −u").isLessThan(-0.999);
            DirectionsComputed supervisedEvent = directions(computed.await(r -> is(r, g1, "supervised", "all", false), WAIT));
            SupervisedDirectionFile supervised = SupervisedDirectionFile.read(store.get(supervisedEvent.directions()));
            assertThat(dot(supervised.direction(), planted)).as("supervised normal lies along −u").isLessThan(-0.9);

            // Case A is in flight for g1 when g2 (and its encoder) is announced; g2's cases B follow.
            sendLatents(probe, e1, cluster(random, centre, planted, -3), Diagnosis.MEL);
            CheckpointPublished g2 = publishGenerator(probe, "g8-" + suffix + "-b", 2);
            CheckpointPublished e2 = publishEncoder(probe, "e8-" + suffix + "-b", g2);
            float[] planted2 = DirectionsJson.readSefa(store.get(directions(computed.await(r -> is(r, g2, "sefa", "all", false), WAIT))
                    .directions())).directions()[PLANTED];
            for (int i = 0; i < 3; i++) {
                sendLatents(probe, e2, cluster(random, centre, planted2, +3), Diagnosis.NV);
                sendLatents(probe, e2, cluster(random, centre, planted2, -3), Diagnosis.MEL);
            }
            DirectionsComputed rankedB = directions(computed.await(r -> is(r, g2, "sefa", "all", true), WAIT));
            assertThat(rankedB.checkpointId()).isEqualTo(g2.checkpointId());
            assertThat(DirectionsJson.readRanking(store.get(rankedB.ranking())).get(0).index()).isEqualTo(PLANTED);
            computed.await(r -> is(r, g1, "sefa", "all", true) && !directions(r).eventId().equals(ranked.eventId()), WAIT);
            assertThat(state(g1.checkpointId())).as("case A was ranked with g1's cases").isEqualTo(new DirectionRanking.State(7, 4, 3));
            assertThat(state(g2.checkpointId())).isEqualTo(new DirectionRanking.State(6, 3, 3));
        }
    }

    @Test
    void unusableInputIsDeadLetteredWithItsReason() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = probe(); TopicProbe.Subscription dead = probe.subscribe("dead-letter.directions")) {
            CheckpointPublished g = publishGenerator(probe, "g8-" + suffix + "-dl", 3);
            CheckpointPublished e = publishEncoder(probe, "e8-" + suffix + "-dl", g);
            probe.send("latents.inverted", "garbage", "{\"type\": \"latents.inverted\", nope");

            Map<String, String> keyToReason = new LinkedHashMap<>();
            CheckpointPublished incomplete = new CheckpointPublished(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                    "g8-" + suffix + "-incomplete", CheckpointPublished.Kind.generator, 0, g.config(),
                    Map.of("generator", g.config()), null);
            probe.send("checkpoints.published", incomplete.partitionKey(), EventCodec.toJson(incomplete));
            keyToReason.put(incomplete.partitionKey(), "CHECKPOINT_INCOMPLETE");

            LatentsInverted missing = latentsEvent(e, UUID.randomUUID(), new ObjectRef(ObjectKeys.latents(e.checkpointId(),
                    UUID.randomUUID()), "0".repeat(64), 10, "application/octet-stream"), 4, Diagnosis.MEL);
            probe.send("latents.inverted", missing.partitionKey(), EventCodec.toJson(missing));
            keyToReason.put(missing.partitionKey(), "LATENTS_MISSING");

            UUID caseId = UUID.randomUUID();
            ObjectRef threeRows = store.put(ObjectKeys.latents(e.checkpointId(), caseId),
                    new WPlus(3, TINY.wDim(), new float[3 * TINY.wDim()]).toNpy(), "application/octet-stream");
            LatentsInverted wrongShape = latentsEvent(e, caseId, threeRows, 4, Diagnosis.NV);
            probe.send("latents.inverted", wrongShape.partitionKey(), EventCodec.toJson(wrongShape));
            keyToReason.put(wrongShape.partitionKey(), "LATENTS_SHAPE_MISMATCH");

            assertThat(letter(dead.await(r -> "garbage".equals(r.key()), WAIT)).reasonCode()).isEqualTo("MALFORMED_EVENT");
            keyToReason.forEach((key, reason) -> {
                DeadLetter letter = letter(dead.await(r -> key.equals(r.key()), WAIT));
                assertThat(letter.reasonCode()).as(key).isEqualTo(reason);
                assertThat(letter.worker()).isEqualTo("directions");
            });
        }
    }

    // --- helpers ---

    static TopicProbe probe() {
        return new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
    }

    CheckpointPublished publishGenerator(TopicProbe probe, String id, long seed) throws Exception {
        return TestCheckpoints.publish(store, probe, TestCheckpoints.generatorFolder(TINY, seed,
                CheckpointPublished.Kind.generator, id, Map.of()), id, CheckpointPublished.Kind.generator, 0.1, null);
    }

    /** An encoder checkpoint of {@code generator}: only the frozen generator's artefacts, which is all this worker reads. */
    static CheckpointPublished publishEncoder(TopicProbe probe, String id, CheckpointPublished generator) {
        CheckpointPublished event = new CheckpointPublished(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), id,
                CheckpointPublished.Kind.encoder, 0.1, generator.config(), generator.artefacts(), generator.checkpointId());
        EventSchemas.assertValid(EventCodec.toJson(event));
        probe.send("checkpoints.published", event.partitionKey(), EventCodec.toJson(event));
        return event;
    }

    void sendLatents(TopicProbe probe, CheckpointPublished encoder, float[] w, Diagnosis diagnosis) {
        UUID caseId = UUID.randomUUID();
        int numWs = TINY.numWs();
        float[] rows = new float[numWs * w.length];
        for (int i = 0; i < numWs; i++) {
            System.arraycopy(w, 0, rows, i * w.length, w.length);
        }
        ObjectRef ref = store.put(ObjectKeys.latents(encoder.checkpointId(), caseId),
                new WPlus(numWs, w.length, rows).toNpy(), "application/octet-stream");
        LatentsInverted event = latentsEvent(encoder, caseId, ref, numWs, diagnosis);
        EventSchemas.assertValid(EventCodec.toJson(event));
        probe.send("latents.inverted", event.partitionKey(), EventCodec.toJson(event));
    }

    LatentsInverted latentsEvent(CheckpointPublished encoder, UUID caseId, ObjectRef latents, int numWs, Diagnosis diagnosis) {
        ObjectRef image = store.put("preprocessed/it/" + caseId + ".png",
                PngEncoder.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)), "image/png");
        return new LatentsInverted(UUID.randomUUID(), Instant.now(), caseId, encoder.checkpointId(), UUID.randomUUID(), image,
                latents, image, numWs, TINY.wDim(), 0.01, LatentsInverted.L2_SCALE, 0, diagnosis);
    }

    static float[] cluster(Random random, float[] centre, float[] direction, double shift) {
        float[] noise = gaussian(random, centre.length, 0.2);
        float[] w = new float[centre.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (centre[k] + noise[k] + shift * direction[k]);
        }
        return w;
    }

    static float[] gaussian(Random random, int n, double sigma) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (sigma * random.nextGaussian());
        }
        return v;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (double) a[k] * b[k];
        }
        return s;
    }

    DirectionRanking.State state(String checkpointId) throws Exception {
        return JsonMappers.compact().readValue(
                store.get(ObjectKeys.directions(checkpointId, DirectionRanking.STATE)), DirectionRanking.State.class);
    }

    static boolean is(ConsumerRecord<String, String> r, CheckpointPublished checkpoint, String method, String layers, boolean ranked) {
        if (!checkpoint.checkpointId().equals(r.key())) {
            return false;
        }
        DirectionsComputed d = directions(r);
        return d.method().name().equals(method) && d.layers().equals(layers) && (d.ranking() != null) == ranked;
    }

    static DirectionsComputed directions(ConsumerRecord<String, String> r) {
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), DirectionsComputed.class);
    }

    static DeadLetter letter(ConsumerRecord<String, String> r) {
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), DeadLetter.class);
    }
}
