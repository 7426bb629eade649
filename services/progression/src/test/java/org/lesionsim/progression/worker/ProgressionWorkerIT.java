package org.lesionsim.progression.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.gan.WPlus;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.events.SimulationRequested;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TestCheckpoints;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.progression.AxisStatistics;
import org.lesionsim.progression.DirectionStore;
import org.lesionsim.progression.ProgressionAxisFile;
import org.lesionsim.sefa.GeneratorSefa;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.RankedAxis;
import org.lesionsim.storage.Checksums;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * The progression worker on the real broker and S3 server: an inverted case becomes frames, a strip
 * and a looping GIF whose α = 0 frame is exactly the plain reconstruction of the same W+; a case in
 * flight when a newer encoder checkpoint arrives is still rendered with its own checkpoint, and the next
 * case with the new one; latents of an older checkpoint arriving later are rendered with that checkpoint's generator; requests pick their direction and layers; unusable input is dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class ProgressionWorkerIT {
    /** 64x64, w = 16, channels <= 16: 10 W+ rows, a frame in milliseconds. */
    static final GeneratorConfig TINY = new GeneratorConfig(64, 16, 16, 2, 256, 16, 3, null, 0.01f, 0.995f);
    static final Duration WAIT = Duration.ofMinutes(2);

    @Inject
    ObjectStore store;

    @Test
    void walksCrossBrokerAndStoreAlphaZeroIsTheReconstructionAndANewCheckpointDropsNoCaseInFlight() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = probe(); TopicProbe.Subscription out = probe.subscribe("simulations.rendered")) {
            CheckpointPublished e1 = publishEncoder(probe, "e64-" + suffix + "-a", 1);
            float[][] wA = mappedWPlus(e1, 11);
            LatentsInverted caseA = sendLatents(probe, e1, wA, Diagnosis.NV);
            CheckpointPublished e2 = publishEncoder(probe, "e64-" + suffix + "-b", 2);
            LatentsInverted caseB = sendLatents(probe, e2, mappedWPlus(e2, 12), Diagnosis.MEL);

            SimulationRendered a = rendered(out.await(r -> r.key().equals(caseA.caseId().toString()), WAIT));
            SimulationRendered b = rendered(out.await(r -> r.key().equals(caseB.caseId().toString()), WAIT));
            assertThat(a.checkpointId()).isEqualTo(e1.checkpointId());
            assertThat(b.checkpointId()).as("the case after the swap is stamped with the new checkpoint").isEqualTo(e2.checkpointId());
            assertThat(a.causationId()).isEqualTo(caseA.eventId());
            assertThat(a.diagnosis()).isEqualTo(Diagnosis.NV);
            assertThat(a.input()).as("the preprocessed image the case was inverted from, for the scored strip").isEqualTo(caseA.image());
            assertThat(a.reconstruction()).isEqualTo(caseA.reconstruction());
            assertThat(b.diagnosis()).isEqualTo(Diagnosis.MEL);
            assertThat(a.direction()).as("nothing ranked or fitted yet: auto falls back to SeFa axis 0").isEqualTo("sefa:all:0");
            assertThat(a.alphas()).containsExactly(0.0, 2.0, 4.0);
            assertThat(a.frames().get(0).key()).isEqualTo(ObjectKeys.simulationPrefix(caseA.caseId(), e1.checkpointId(), "sefa-all-0",
                    "all", List.of(0.0, 2.0, 4.0), "fixed", null) + "frame-0.png");
            for (ObjectRef ref : concat(a.frames(), List.of(a.strip(), a.animation()))) {
                assertThat(Checksums.sha256Hex(store.get(ref.key()))).as(ref.key()).isEqualTo(ref.sha256());
            }

            BufferedImage frame0 = png(a.frames().get(0));
            assertThat(pixels(frame0)).as("α = 0 is the plain reconstruction of the same W+").isEqualTo(pixels(reconstruct(e1, wA)));
            assertThat(pixels(png(a.frames().get(2)))).as("α = 4 moved the image").isNotEqualTo(pixels(frame0));
            BufferedImage strip = png(a.strip());
            assertThat(strip.getWidth()).isEqualTo(3 * 64);
            assertThat(strip.getRGB(64, 10)).isEqualTo(png(a.frames().get(1)).getRGB(0, 10));
            // Latents of the old checkpoint after the swap (a replay): rendered with their own generator, not the served one.
            float[][] wC = mappedWPlus(e1, 14);
            LatentsInverted caseC = sendLatents(probe, e1, wC, Diagnosis.NV);
            SimulationRendered c = rendered(out.await(r -> r.key().equals(caseC.caseId().toString()), WAIT));
            assertThat(c.checkpointId()).isEqualTo(e1.checkpointId());
            assertThat(pixels(png(c.frames().get(0)))).isEqualTo(pixels(reconstruct(e1, wC)));

            ImageReader gif = ImageIO.getImageReadersByFormatName("gif").next();
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(store.get(a.animation().key())))) {
                gif.setInput(in);
                assertThat(gif.getNumImages(true)).isEqualTo(3);
            }
        }
    }

    /** A fresh deployment (no labelled latents, nothing ranked) walks along the shipped axis, calibrated by its class statistics. */
    @Test
    void withoutLabelledLatentsTheShippedAxisIsWalkedCalibratedInSigmaUnits() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = probe(); TopicProbe.Subscription out = probe.subscribe("simulations.rendered")) {
            String encoderId = "e64-" + suffix + "-s";
            float[] axis = new float[TINY.wDim()];
            axis[2] = 0.6f;
            axis[5] = -0.8f;
            AxisStatistics stats = new AxisStatistics(0.1, 1.1, 0.5, 40, 30);
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "lesionsim-progression-it", ProgressionAxisFile.FILE);
            Files.createDirectories(file.getParent());
            Files.write(file, new ProgressionAxisFile(1, "g64-" + encoderId.substring(4), null, "it-axis", "all", axis, stats, 0.7,
                    "test", Map.of(), List.of()).toJson());
            CheckpointPublished e = publishEncoder(probe, encoderId, 5);
            float[][] w = mappedWPlus(e, 15);
            LatentsInverted inverted = sendLatents(probe, e, w, Diagnosis.NV);
            SimulationRendered walk = rendered(out.await(r -> r.key().equals(inverted.caseId().toString()), WAIT));

            assertThat(walk.direction()).as("auto with nothing ranked: the shipped axis").isEqualTo("shipped:all:it-axis");
            assertThat(walk.schedule()).isEqualTo("calibrated");
            assertThat(walk.alphas()).hasSize(8).first().isEqualTo(0.0);
            double p = 0;
            for (int k = 0; k < axis.length; k++) {
                double mean = 0;
                for (float[] row : w) {
                    mean += row[k] / w.length;
                }
                p += mean * axis[k];
            }
            assertThat(walk.calibration().positionSigma()).isCloseTo((p - 0.1) / 0.5, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(walk.calibration().targetSigma()).isCloseTo(walk.calibration().positionSigma() >= 3.0
                    ? walk.calibration().positionSigma() + 1.0 : 3.0,
                    org.assertj.core.api.Assertions.within(1e-4));
            assertThat(walk.alphas().get(7)).as("the last frame lies at the target").isCloseTo(
                    (walk.calibration().targetSigma() - walk.calibration().positionSigma()) * 0.5, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(walk.stopReason()).isEqualTo("completed");
            assertThat(pixels(png(walk.frames().get(0)))).isEqualTo(pixels(reconstruct(e, w)));

            // A request may ask for the same calibrated walk (its alphas are only the fallback), or walk its own alphas.
            SimulationRequested calibrated = new SimulationRequested(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                    e.checkpointId(), inverted.caseId(), "shipped", List.of(0.0, 1.0), "all", SimulationRequested.CALIBRATED);
            SimulationRequested fixed = request(e, inverted.caseId(), "shipped", "all", List.of(0.0, 1.0));
            probe.send("jobs.simulate", inverted.caseId().toString(), EventCodec.toJson(calibrated));
            probe.send("jobs.simulate", inverted.caseId().toString(), EventCodec.toJson(fixed));
            SimulationRendered asked = rendered(out.await(r -> r.value().contains(calibrated.jobId().toString()), WAIT));
            SimulationRendered walked = rendered(out.await(r -> r.value().contains(fixed.jobId().toString()), WAIT));
            assertThat(asked.schedule()).isEqualTo("calibrated");
            assertThat(asked.alphas()).as("the same plan as the automatic walk").isEqualTo(walk.alphas());
            assertThat(walked.schedule()).isEqualTo("fixed");
            assertThat(walked.alphas()).containsExactly(0.0, 1.0);
        }
    }

    @Test
    void requestsChooseTheirWalkAndUnusableInputIsDeadLetteredWithItsReason() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = probe(); TopicProbe.Subscription out = probe.subscribe("simulations.rendered");
             TopicProbe.Subscription dead = probe.subscribe("dead-letter.progression")) {
            CheckpointPublished e = publishEncoder(probe, "e64-" + suffix + "-r", 3);
            LatentsInverted inverted = sendLatents(probe, e, mappedWPlus(e, 13), Diagnosis.NV);
            out.await(r -> r.key().equals(inverted.caseId().toString()), WAIT);

            SimulationRequested request = request(e, inverted.caseId(), "sefa:1", "coarse", List.of(0.0, 1.5));
            probe.send("jobs.simulate", request.partitionKey(), EventCodec.toJson(request));
            SimulationRendered walk = rendered(out.await(r -> r.value().contains(request.eventId().toString()), WAIT));
            assertThat(walk.direction()).isEqualTo("sefa:coarse:1");
            assertThat(walk.layers()).isEqualTo("coarse");
            assertThat(walk.jobId()).isEqualTo(request.jobId());
            assertThat(walk.frames()).hasSize(2);
            assertThat(walk.reconstruction()).as("a request finds the reconstruction beside the latents")
                    .isEqualTo(inverted.reconstruction());
            assertThat(walk.input()).as("the preprocessed input is content-addressed: a request cannot know it").isNull();

            probe.send("latents.inverted", "garbage", "{\"type\": \"latents.inverted\", nope");
            Map<String, String> keyToReason = new LinkedHashMap<>();
            SimulationRequested unknown = request(e, inverted.caseId(), "sideways", "all", List.of(0.0, 1.0));
            keyToReason.put(unknown.eventId().toString(), "UNKNOWN_DIRECTION");
            SimulationRequested unranked = request(e, inverted.caseId(), "supervised", "all", List.of(0.0, 1.0));
            keyToReason.put(unranked.eventId().toString(), "DIRECTION_UNAVAILABLE");
            SimulationRequested noLatents = request(e, UUID.randomUUID(), "auto", "all", List.of(0.0, 1.0));
            keyToReason.put(noLatents.eventId().toString(), "LATENTS_MISSING");
            for (SimulationRequested bad : List.of(unknown, unranked, noLatents)) {
                probe.send("jobs.simulate", bad.partitionKey(), EventCodec.toJson(bad));
            }
            UUID wrongCase = UUID.randomUUID();
            ObjectRef threeRows = store.put(ObjectKeys.latents(e.checkpointId(), wrongCase),
                    new WPlus(3, TINY.wDim(), new float[3 * TINY.wDim()]).toNpy(), "application/octet-stream");
            LatentsInverted wrongShape = latentsEvent(e, wrongCase, threeRows, 3, Diagnosis.MEL);
            probe.send("latents.inverted", wrongShape.partitionKey(), EventCodec.toJson(wrongShape));
            keyToReason.put(wrongShape.eventId().toString(), "LATENTS_SHAPE_MISMATCH");

            // SeFa is the directions worker's: a walk waits for its file (lesionsim.progression.sefa-wait), and a layer
            // selection it never factorises is unavailable rather than computed here.
            SimulationRequested late = request(e, inverted.caseId(), "sefa:0", "middle", List.of(0.0, 1.0));
            SimulationRequested never = request(e, inverted.caseId(), "sefa:0", "fine", List.of(0.0, 1.0));
            keyToReason.put(never.eventId().toString(), "DIRECTION_UNAVAILABLE");
            probe.send("jobs.simulate", late.partitionKey(), EventCodec.toJson(late));
            probe.send("jobs.simulate", never.partitionKey(), EventCodec.toJson(never));
            Thread.sleep(1500);
            storeSefa(e, "middle");
            assertThat(rendered(out.await(r -> r.value().contains(late.eventId().toString()), WAIT)).direction())
                    .as("stored while the walk waited").isEqualTo("sefa:middle:0");

            assertThat(letter(dead.await(r -> "garbage".equals(r.key()), WAIT)).reasonCode()).isEqualTo("MALFORMED_EVENT");
            keyToReason.forEach((eventId, reason) -> {
                DeadLetter letter = letter(dead.await(r -> r.value().contains(eventId), WAIT));
                assertThat(letter.reasonCode()).as(reason).isEqualTo(reason);
                assertThat(letter.worker()).isEqualTo("progression");
            });
        }
    }

    /**
     * Two requests for the same case and direction with different α lists, one after the other: each walk keeps its own
     * folder, so the first's frames, strip and GIF still exist with the checksums its event names after the second is
     * rendered; a redelivered request re-announces the same event with the same keys and the same bytes.
     */
    @Test
    void twoSchedulesOfOneCaseAndDirectionKeepTheirOwnObjectsAndARedeliveryRewritesTheSameKeys() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = probe(); TopicProbe.Subscription out = probe.subscribe("simulations.rendered")) {
            CheckpointPublished e = publishEncoder(probe, "e64-" + suffix + "-k", 4);
            LatentsInverted inverted = sendLatents(probe, e, mappedWPlus(e, 16), Diagnosis.NV);
            out.await(r -> r.key().equals(inverted.caseId().toString()), WAIT);

            SimulationRequested gentle = request(e, inverted.caseId(), "sefa:1", "all", List.of(0.0, 1.0, 2.0));
            probe.send("jobs.simulate", gentle.partitionKey(), EventCodec.toJson(gentle));
            ConsumerRecord<String, String> firstRecord = out.await(r -> r.value().contains(gentle.eventId().toString()), WAIT);
            SimulationRendered first = rendered(firstRecord);
            SimulationRequested steep = request(e, inverted.caseId(), "sefa:1", "all", List.of(0.0, 3.0, 6.0));
            probe.send("jobs.simulate", steep.partitionKey(), EventCodec.toJson(steep));
            SimulationRendered second = rendered(out.await(r -> r.value().contains(steep.eventId().toString()), WAIT));

            assertThat(first.direction()).isEqualTo(second.direction()).isEqualTo("sefa:all:1");
            String firstFolder = folder(first);
            String secondFolder = folder(second);
            assertThat(firstFolder).as("two α schedules, two folders").isNotEqualTo(secondFolder);
            assertThat(firstFolder).isEqualTo(ObjectKeys.simulationPrefix(inverted.caseId(), e.checkpointId(), "sefa-all-1", "all",
                    List.of(0.0, 1.0, 2.0), "fixed", null));
            assertThat(secondFolder).startsWith(ObjectKeys.simulationsOfCase(inverted.caseId()) + e.checkpointId() + "/sefa-all-1-");
            assertThat(first.frames().get(1).sha256()).as("the walks differ, so a shared key would have been overwritten")
                    .isNotEqualTo(second.frames().get(1).sha256());
            for (SimulationRendered walk : List.of(first, second)) {
                for (ObjectRef ref : concat(walk.frames(), List.of(walk.strip(), walk.animation()))) {
                    assertThat(ref.key()).startsWith(folder(walk));
                    assertThat(store.get(ref)).as("%s still holds what its event names (checksum checked)", ref.key())
                            .hasSize((int) ref.sizeBytes());
                }
            }

            probe.send("jobs.simulate", gentle.partitionKey(), EventCodec.toJson(gentle)); // redelivery of the first request
            SimulationRendered again = rendered(out.await(r -> r.value().contains(gentle.eventId().toString())
                    && (r.partition() != firstRecord.partition() || r.offset() != firstRecord.offset()), WAIT));
            assertThat(again.eventId()).as("the same walk is re-announced under the same id").isEqualTo(first.eventId());
            assertThat(again.frames()).as("same keys, same bytes").isEqualTo(first.frames());
            assertThat(again.strip()).isEqualTo(first.strip());
            assertThat(again.animation()).isEqualTo(first.animation());
            for (ObjectRef ref : concat(concat(first.frames(), second.frames()),
                    List.of(first.strip(), first.animation(), second.strip(), second.animation()))) {
                assertThat(store.get(ref)).as(ref.key()).hasSize((int) ref.sizeBytes());
            }
        }
    }

    /**
     * The ranked axis moves as labelled cases arrive (the directions worker re-ranks): a redelivered input walks
     * the axis it was first given, kept under {@code walks/}, so one input never leaves two different
     * simulations; a new input walks the new ranking.
     */
    @Test
    void aRedeliveryWalksTheAxisItWasFirstGivenAfterTheRankingMoved() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = probe(); TopicProbe.Subscription out = probe.subscribe("simulations.rendered")) {
            CheckpointPublished e = publishEncoder(probe, "e64-" + suffix + "-m", 5);
            DirectionStore directions = new DirectionStore(store);
            directions.putRanking(e.generatorCheckpointId(), LayerSelection.all(), List.of(new RankedAxis(2, 0.9, 1.0, 1, unit(0))));
            LatentsInverted inverted = sendLatents(probe, e, mappedWPlus(e, 21), Diagnosis.NV);
            out.await(r -> r.key().equals(inverted.caseId().toString()), WAIT);

            SimulationRequested request = request(e, inverted.caseId(), "ranked", "all", List.of(0.0, 2.0));
            probe.send("jobs.simulate", request.partitionKey(), EventCodec.toJson(request));
            ConsumerRecord<String, String> firstRecord = out.await(r -> r.value().contains(request.eventId().toString()), WAIT);
            SimulationRendered first = rendered(firstRecord);
            assertThat(first.direction()).isEqualTo("ranked:all:2");
            assertThat(store.stat(ObjectKeys.walkDirection(inverted.caseId(), e.checkpointId(), request.eventId())))
                    .as("the choice is kept before anything is rendered").isPresent();

            directions.putRanking(e.generatorCheckpointId(), LayerSelection.all(), List.of(new RankedAxis(5, 0.95, 1.2, 1, unit(1))));
            probe.send("jobs.simulate", request.partitionKey(), EventCodec.toJson(request)); // redelivery after the re-rank
            SimulationRendered again = rendered(out.await(r -> r.value().contains(request.eventId().toString())
                    && (r.partition() != firstRecord.partition() || r.offset() != firstRecord.offset()), WAIT));
            assertThat(again.direction()).as("the axis it was first given").isEqualTo("ranked:all:2");
            assertThat(again.eventId()).isEqualTo(first.eventId());
            assertThat(again.frames()).as("same keys, same bytes").isEqualTo(first.frames());

            SimulationRequested fresh = request(e, inverted.caseId(), "ranked", "all", List.of(0.0, 2.0));
            probe.send("jobs.simulate", fresh.partitionKey(), EventCodec.toJson(fresh));
            SimulationRendered next = rendered(out.await(r -> r.value().contains(fresh.eventId().toString()), WAIT));
            assertThat(next.direction()).as("a new input walks the new ranking").isEqualTo("ranked:all:5");
            assertThat(next.frames().get(1).sha256()).isNotEqualTo(first.frames().get(1).sha256());
        }
    }

    /** The unit vector along W coordinate {@code axis}. */
    static float[] unit(int axis) {
        float[] d = new float[TINY.wDim()];
        d[axis] = 1f;
        return d;
    }

    /** The folder a rendered walk's frames lie in. */
    static String folder(SimulationRendered walk) {
        String key = walk.frames().get(0).key();
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    // --- helpers ---

    static TopicProbe probe() {
        return new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
    }

    /**
     * An encoder checkpoint carrying only its frozen generator's artefacts: all this worker reads; and, as the
     * directions worker does for every published generator, its SeFa on the layer selections walks use here.
     */
    CheckpointPublished publishEncoder(TopicProbe probe, String id, long seed) throws Exception {
        CheckpointPublished event = TestCheckpoints.publish(store, probe, TestCheckpoints.generatorFolder(TINY, seed,
                CheckpointPublished.Kind.encoder, id, Map.of()), id, CheckpointPublished.Kind.encoder, 0.1, "g64-" + id.substring(4));
        EventSchemas.assertValid(EventCodec.toJson(event));
        storeSefa(event, "all", "coarse");
        return event;
    }

    /** The directions worker's part: SeFa of the checkpoint's generator on {@code selections}, stored where it stores it. */
    void storeSefa(CheckpointPublished checkpoint, String... selections) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); Generator g = load(checkpoint, manager)) {
            for (String selection : selections) {
                LayerSelection layers = LayerSelection.parse(selection);
                new DirectionStore(store).putSefa(checkpoint.generatorCheckpointId(), layers, GeneratorSefa.factorize(g, layers));
            }
        }
    }

    Generator load(CheckpointPublished checkpoint, NDManager manager) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "gen");
        Files.write(dir.resolve("generator_ema.safetensors"), store.get(checkpoint.artefacts().get("generator_ema")));
        Files.write(dir.resolve("generator_ema.json"), store.get(checkpoint.artefacts().get("generator_ema_config")));
        return Generator.load(dir.resolve("generator_ema.safetensors"), manager);
    }

    /** W+ of a random z through the checkpoint's own mapping network, as an inversion would land near. */
    float[][] mappedWPlus(CheckpointPublished checkpoint, long seed) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); Generator g = load(checkpoint, manager)) {
            manager.getEngine().setRandomSeed((int) seed);
            float[] flat = g.mapping(manager.randomNormal(new Shape(1, g.zDim())), 1.0).toFloatArray();
            float[][] w = new float[g.numWs()][g.wDim()];
            for (int i = 0; i < w.length; i++) {
                System.arraycopy(flat, i * g.wDim(), w[i], 0, g.wDim());
            }
            return w;
        }
    }

    /** The unedited image of {@code wPlus}, rendered here the way the reference saves images. */
    BufferedImage reconstruct(CheckpointPublished checkpoint, float[][] wPlus) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); Generator g = load(checkpoint, manager)) {
            float[] flat = new float[wPlus.length * wPlus[0].length];
            for (int i = 0; i < wPlus.length; i++) {
                System.arraycopy(wPlus[i], 0, flat, i * wPlus[0].length, wPlus[0].length);
            }
            NDArray image = g.synthesis(manager.create(flat, new Shape(1, wPlus.length, wPlus[0].length)), NoiseMode.CONST);
            return GanPixels.toImage(image.toFloatArray(), (int) image.getShape().get(3), (int) image.getShape().get(2));
        }
    }

    LatentsInverted sendLatents(TopicProbe probe, CheckpointPublished encoder, float[][] wPlus, Diagnosis diagnosis) {
        UUID caseId = UUID.randomUUID();
        float[] flat = new float[wPlus.length * wPlus[0].length];
        for (int i = 0; i < wPlus.length; i++) {
            System.arraycopy(wPlus[i], 0, flat, i * wPlus[0].length, wPlus[0].length);
        }
        ObjectRef ref = store.put(ObjectKeys.latents(encoder.checkpointId(), caseId),
                new WPlus(wPlus.length, wPlus[0].length, flat).toNpy(), "application/octet-stream");
        LatentsInverted event = latentsEvent(encoder, caseId, ref, wPlus.length, diagnosis);
        EventSchemas.assertValid(EventCodec.toJson(event));
        probe.send("latents.inverted", event.partitionKey(), EventCodec.toJson(event));
        return event;
    }

    LatentsInverted latentsEvent(CheckpointPublished encoder, UUID caseId, ObjectRef latents, int numWs, Diagnosis diagnosis) {
        ObjectRef image = store.put("preprocessed/it/" + caseId + ".png",
                PngEncoder.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)), "image/png");
        ObjectRef reconstruction = store.put(ObjectKeys.reconstruction(encoder.checkpointId(), caseId),
                PngEncoder.encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB)), "image/png");
        return new LatentsInverted(UUID.randomUUID(), Instant.now(), caseId, encoder.checkpointId(), UUID.randomUUID(), image,
                latents, reconstruction, numWs, TINY.wDim(), 0.01, LatentsInverted.L2_SCALE, 0, diagnosis);
    }

    static SimulationRequested request(CheckpointPublished encoder, UUID caseId, String direction, String layers, List<Double> alphas) {
        return new SimulationRequested(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), encoder.checkpointId(), caseId,
                direction, alphas, layers);
    }

    BufferedImage png(ObjectRef ref) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(store.get(ref.key())));
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static SimulationRendered rendered(ConsumerRecord<String, String> r) {
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), SimulationRendered.class);
    }

    static DeadLetter letter(ConsumerRecord<String, String> r) {
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), DeadLetter.class);
    }
}
