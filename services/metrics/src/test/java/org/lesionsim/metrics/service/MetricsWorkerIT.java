package org.lesionsim.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TestCheckpoints;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.Checksums;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * The metrics worker on the real broker and the real S3 server: a rendered progression is scored
 * into a schema-valid event whose table and plot exist with the stated checksums (and a redelivery
 * gives the same event id and table); unusable simulations are dead-lettered with their reason
 * while the worker goes on; a generator checkpoint yields a training-progress event with its SWD and
 * no FID (no Inception weights here), so nothing unmeasured is ever shown as a number.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class MetricsWorkerIT {
    static final String CHECKPOINT = "g128-metricsit-kimg0000.000";

    @Inject
    ObjectStore store;

    /** The simulation's own folder, as {@link #rendered} stored its frames: the metrics worker writes its results beside them. */
    static String folder(SimulationRendered simulation) {
        return ObjectKeys.simulationPrefix(simulation.caseId(), CHECKPOINT, "sefa:1", simulation.layers(), simulation.alphas(), "fixed",
                null);
    }

    /** Frames of one synthetic lesion at increasing progression t (a growing, darkening lesion), uploaded as PNGs. */
    SimulationRendered rendered(int frames, int side) {
        UUID caseId = UUID.randomUUID();
        List<Double> alphas = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            alphas.add(3.0 * (k / (frames - 1.0)));
        }
        String prefix = ObjectKeys.simulationPrefix(caseId, CHECKPOINT, "sefa:1", "all", alphas, "fixed", null);
        List<ObjectRef> refs = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            double t = k / (frames - 1.0);
            refs.add(store.put(prefix + "frame-" + k + ".png", PngEncoder.encode(LesionRenderer.render(42, t, side, side).image()),
                    "image/png"));
        }
        ObjectRef strip = store.put(prefix + "strip.png", PngEncoder.encode(LesionRenderer.render(42, 0, side, side).image()),
                "image/png");
        ObjectRef input = store.put("preprocessed/metrics-it/" + caseId + ".png",
                PngEncoder.encode(LesionRenderer.render(42, 0, 2 * side, 2 * side).image()), "image/png"); // preprocessing's size
        ObjectRef reconstruction = store.put(ObjectKeys.reconstruction(CHECKPOINT, caseId),
                PngEncoder.encode(LesionRenderer.render(42, 0, side, side).image()), "image/png");
        return new SimulationRendered(UUID.randomUUID(), Instant.now(), caseId, CHECKPOINT, null, UUID.randomUUID(), "sefa:1",
                "all", alphas, refs, strip, strip, Diagnosis.NV, null, null, null, input, reconstruction);
    }

    static TopicProbe probe() {
        return new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
    }

    static void send(TopicProbe probe, SimulationRendered simulation) {
        probe.send("simulations.rendered", simulation.partitionKey(), EventCodec.toJson(simulation));
    }

    static MetricsScored scoredFor(TopicProbe.Subscription scored, SimulationRendered simulation,
                                   Predicate<ConsumerRecord<String, String>> also) {
        ConsumerRecord<String, String> r = scored.await(m -> simulation.partitionKey().equals(m.key()) && also.test(m),
                Duration.ofMinutes(2));
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), MetricsScored.class);
    }

    @Test
    void aRenderedProgressionIsScoredWithItsTableAndPlotAndRescoredIdentically() throws Exception {
        SimulationRendered simulation = rendered(9, 128);
        try (TopicProbe probe = probe(); TopicProbe.Subscription scored = probe.subscribe("metrics.scored")) {
            send(probe, simulation);
            MetricsScored first = scoredFor(scored, simulation, m -> true);

            assertThat(first.causationId()).isEqualTo(simulation.eventId());
            assertThat(first.checkpointId()).isEqualTo(CHECKPOINT);
            assertThat(first.alphas()).isEqualTo(simulation.alphas());
            Map<String, MetricsScored.Score> byName = new java.util.HashMap<>();
            first.scores().forEach(s -> byName.put(s.name(), s));
            assertThat(byName.get("lpips")).as("no LPIPS weights here: not configured, no number")
                    .isEqualTo(new MetricsScored.Score("lpips", MetricsScored.Status.notConfigured, null, null));
            assertThat(byName.get("p_mel")).as("no judge configured in this test: not configured, no number")
                    .isEqualTo(new MetricsScored.Score("p_mel", MetricsScored.Status.notConfigured, null, null));
            assertThat(byName.get("realism_distance").status()).isEqualTo(MetricsScored.Status.notConfigured);
            assertThat(byName.get("ms_ssim").perFrame()).hasSize(9).first().satisfies(v -> assertThat(v).isCloseTo(1.0, within(1e-9)));
            assertThat(byName.get("pixel_l2").perFrame().get(0)).isZero();
            assertThat(byName.get("pixel_l2").spearmanWithAlpha()).as("frames drift from frame 0 as alpha grows").isGreaterThan(0.8);
            assertThat(byName.get("tds").perFrame()).hasSize(9);
            assertThat(byName.get("tds").spearmanWithAlpha()).isGreaterThanOrEqualTo(0.8);
            assertThat(first.monotone()).as("a lesion rendered further along its progression at every step").isTrue();
            assertThat(first.verdict().status()).as("no judge weights here: P(mel) and realism cannot be judged, never credible")
                    .isEqualTo(MetricsScored.VerdictStatus.notConfigured);
            assertThat(first.verdict().notJudged()).contains("not configured");
            assertThat(first.verdict().bounds()).isEqualTo(new MetricsScored.VerdictBounds(0.9, 6.0, 0.1));
            assertThat(first.verdict().failed()).as("the lesion is kept and the skin unchanged").isEmpty();
            assertThat(byName.get("skin_delta_e").perFrame()).hasSize(9).first().isEqualTo(0.0);

            String folder = folder(simulation);
            assertThat(first.table().key()).isEqualTo(folder + "metrics.csv");
            assertThat(first.plot().key()).isEqualTo(folder + "metrics.png");
            assertThat(store.exists(folder + "scored.json")).as("provenance record for the case bundle").isTrue();
            assertThat(first.scoredStrip().key()).isEqualTo(folder + "strip-scored.png");
            for (ObjectRef ref : List.of(first.table(), first.plot(), first.scoredStrip())) {
                byte[] bytes = store.get(ref.key());
                assertThat(Checksums.sha256Hex(bytes)).as(ref.key()).isEqualTo(ref.sha256());
                assertThat((long) bytes.length).isEqualTo(ref.sizeBytes());
            }
            String[] lines = new String(store.get(first.table()), StandardCharsets.UTF_8).split("\n");
            assertThat(lines).hasSize(10);
            assertThat(lines[0]).startsWith("frame,alpha,frame_key,lpips,ms_ssim,");
            assertThat(lines[1]).startsWith("0,0.0," + simulation.frames().get(0).key() + ",,1.0,");
            assertThat(lines[0]).contains(",skin_delta_e,");
            BufferedImage scoredStrip = ImageIO.read(new ByteArrayInputStream(store.get(first.scoredStrip())));
            assertThat(scoredStrip.getWidth()).as("input | reconstruction | 9 frames").isEqualTo((2 + 9) * 128);
            assertThat(scoredStrip.getRGB(2 * 128 + 5, 5)).as("frame 0 as rendered")
                    .isEqualTo(ImageIO.read(new ByteArrayInputStream(store.get(simulation.frames().get(0)))).getRGB(5, 5));
            assertThat(new String(store.get(folder + "verdict.json"), StandardCharsets.UTF_8)).contains("\"not-configured\"");
            BufferedImage plot = ImageIO.read(new ByteArrayInputStream(store.get(first.plot())));
            assertThat(plot.getWidth()).isEqualTo(ProgressionPlot.WIDTH);

            send(probe, simulation); // redelivery
            MetricsScored again = scoredFor(scored, simulation, m -> true);
            assertThat(again.eventId()).isEqualTo(first.eventId());
            assertThat(again.table()).isEqualTo(first.table());
            assertThat(again.plot()).isEqualTo(first.plot());
            assertThat(again.scores()).isEqualTo(first.scores());
            assertThat(again.verdict()).isEqualTo(first.verdict());
            assertThat(again.scoredStrip()).as("same frames, same strip bytes").isEqualTo(first.scoredStrip());
        }
    }

    @Test
    void unusableSimulationsAreDeadLetteredWithTheirReasonAndTheWorkerGoesOn() throws Exception {
        SimulationRendered missing = rendered(3, 64);
        List<ObjectRef> frames = new ArrayList<>(missing.frames());
        ObjectRef last = frames.get(2);
        frames.set(2, new ObjectRef(last.key().replace("frame-2", "frame-7"), last.sha256(), last.sizeBytes(), last.contentType()));
        missing = with(missing, frames);

        SimulationRendered altered = rendered(3, 64);
        frames = new ArrayList<>(altered.frames());
        ObjectRef second = frames.get(1);
        frames.set(1, new ObjectRef(second.key(), "0".repeat(64), second.sizeBytes(), second.contentType()));
        altered = with(altered, frames);

        SimulationRendered uneven = rendered(3, 64);
        ObjectNode unevenJson = (ObjectNode) EventCodec.mapper().readTree(EventCodec.toJson(uneven));
        ((ArrayNode) unevenJson.get("alphas")).remove(2);

        SimulationRendered good = rendered(3, 64);
        try (TopicProbe probe = probe(); TopicProbe.Subscription dead = probe.subscribe("dead-letter.metrics");
             TopicProbe.Subscription scored = probe.subscribe("metrics.scored")) {
            probe.send("simulations.rendered", "garbage", "{\"type\": \"simulation.rendered\", not json");
            send(probe, missing);
            send(probe, altered);
            probe.send("simulations.rendered", uneven.partitionKey(), unevenJson.toString());
            send(probe, good);

            assertThat(letter(dead, "garbage").reasonCode()).isEqualTo("MALFORMED_EVENT");
            DeadLetter missingLetter = letter(dead, missing.partitionKey());
            assertThat(missingLetter.reasonCode()).isEqualTo("FRAME_MISSING");
            assertThat(missingLetter.reason()).contains("frame-7.png");
            assertThat(missingLetter.originalEvent()).isEqualTo(EventCodec.toJson(missing));
            assertThat(letter(dead, altered.partitionKey()).reasonCode()).isEqualTo("CHECKSUM_MISMATCH");
            assertThat(letter(dead, uneven.partitionKey()).reasonCode()).isEqualTo("FRAME_COUNT_MISMATCH");

            MetricsScored after = scoredFor(scored, good, m -> true);
            assertThat(after.causationId()).isEqualTo(good.eventId());
            assertThat(store.exists(folder(missing) + "metrics.csv"))
                    .as("nothing is written for a rejected simulation").isFalse();
        }
    }

    @Test
    void aGeneratorCheckpointIsMeasuredWithSwdAndNoFidWithoutInceptionWeights() throws Exception {
        String dataset = "preprocessed/metrics-it-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        for (int i = 0; i < 8; i++) {
            store.put(dataset + String.format("%064x.png", i), PngEncoder.encode(LesionRenderer.render(i, i / 8.0, 32, 32).image()),
                    "image/png");
        }
        String checkpointId = "g32-metricsit-" + UUID.randomUUID().toString().substring(0, 8) + "-kimg0000.008";
        // channels 8..32 at 32x32: loads and samples in well under a second
        Path dir = TestCheckpoints.generatorFolder(new GeneratorConfig(32, 32, 32, 2, 256, 32, 3, null, 0.01f, 0.995f), 5,
                CheckpointPublished.Kind.generator, checkpointId, Map.of("datasetPrefix", dataset));

        try (TopicProbe probe = probe(); TopicProbe.Subscription progress = probe.subscribe("training.progress")) {
            CheckpointPublished checkpoint = TestCheckpoints.publish(store, probe, dir, checkpointId,
                    CheckpointPublished.Kind.generator, 0.008, null);
            ConsumerRecord<String, String> r = progress.await(m -> checkpoint.jobId().toString().equals(m.key()), Duration.ofMinutes(2));
            EventSchemas.assertValid(r.value());
            TrainingProgress event = EventCodec.fromJson(r.value(), TrainingProgress.class);
            assertThat(event.checkpointId()).isEqualTo(checkpointId);
            assertThat(event.status()).isEqualTo(TrainingProgress.Status.running);
            assertThat(event.kimg()).isEqualTo(0.008);
            assertThat(event.metrics()).containsKeys("swd", "swd_32", "swd_16").doesNotContainKeys("fid", "kid");
            assertThat(event.metrics().get("swd")).as("an untrained generator is far from the data").isFinite().isPositive();
            assertThat(event.message()).contains("8 generated vs 8 real images at 32x32").contains("FID is not configured");
        }
    }

    static DeadLetter letter(TopicProbe.Subscription dead, String key) {
        ConsumerRecord<String, String> r = dead.await(m -> key.equals(m.key()), Duration.ofMinutes(2));
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), DeadLetter.class);
    }

    static SimulationRendered with(SimulationRendered s, List<ObjectRef> frames) {
        return new SimulationRendered(s.eventId(), s.time(), s.caseId(), s.checkpointId(), s.jobId(), s.causationId(), s.direction(),
                s.layers(), s.alphas(), frames, s.strip(), s.animation(), s.diagnosis(), s.schedule(), s.calibration(),
                s.stopReason(), s.input(), s.reconstruction());
    }
}
