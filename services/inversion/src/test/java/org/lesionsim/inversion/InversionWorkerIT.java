package org.lesionsim.inversion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.encoder.BackboneConfig;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.encoder.EncoderConfig;
import org.lesionsim.gan.WPlus;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TestCheckpoints;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectStore;

/**
 * The inversion worker on the real broker and S3: images become W+ .npy + reconstruction stamped
 * with the encoder checkpoint, a newer checkpoint is swapped in without losing a case in flight,
 * and bad input is dead-lettered with its reason.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class InversionWorkerIT {
    static final GeneratorConfig TINY = new GeneratorConfig(32, 32, 32, 2, 512, 32, 3, null, 0.01f, 0.995f);

    @Inject
    ObjectStore store;

    /** A random tiny generator + shallow encoder, uploaded and announced as an encoder checkpoint. */
    CheckpointPublished publishEncoder(TopicProbe probe, String id, long seed) throws Exception {
        Path dir = TestCheckpoints.generatorFolder(TINY, seed, CheckpointPublished.Kind.encoder, id, Map.of());
        try (NDManager manager = NDManager.newBaseManager();
                Generator g = Generator.load(dir.resolve("generator_ema.safetensors"), manager);
                E4eEncoder e = E4eEncoder.create(EncoderConfig.forGenerator(TINY, BackboneConfig.shallow()), g.wAvg(),
                        manager, seed)) {
            e.save(dir.resolve("encoder.safetensors"));
        }
        return TestCheckpoints.publish(store, probe, dir, id, CheckpointPublished.Kind.encoder, 1, "tiny-generator");
    }

    ImagePreprocessed preprocessed(byte[] png) {
        UUID caseId = UUID.randomUUID();
        ObjectRef image = store.put("preprocessed/inversion-it/" + caseId + ".png", png, "image/png");
        return new ImagePreprocessed(UUID.randomUUID(), Instant.now(), caseId, null, UUID.randomUUID(), image, image, 64,
                "inversion-it", 64, 64, 1, Diagnosis.MEL);
    }

    ImagePreprocessed lesion(long seed) {
        // 64 px, so the worker also resizes to the encoder's 32 px
        return preprocessed(PngEncoder.encode(LesionRenderer.render(seed, 0.5, 64, 64).image()));
    }

    @Test
    void imagesBecomeLatentsStampedWithTheCheckpointAndASwapDropsNothing() throws Exception {
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription out = probe.subscribe("latents.inverted")) {
            publishEncoder(probe, "e4e-it-a", 1);
            ImagePreprocessed first = lesion(1);
            probe.send("images.preprocessed", first.partitionKey(), EventCodec.toJson(first));
            LatentsInverted a = latents(out.await(r -> r.key().equals(first.partitionKey()), Duration.ofMinutes(2)));
            assertThat(a.checkpointId()).isEqualTo("e4e-it-a");
            assertThat(a.causationId()).isEqualTo(first.eventId());
            assertThat(a.diagnosis()).isEqualTo(Diagnosis.MEL);
            assertThat(a.reconstructionL2()).isFinite().isPositive();
            assertThat(a.l2Scale()).contains("[-1,1]");
            WPlus w = WPlus.fromNpy(store.get(a.latents()));
            assertThat(w.numWs()).isEqualTo(TINY.numWs()).isEqualTo(a.numWs());
            assertThat(w.wDim()).isEqualTo(32).isEqualTo(a.wDim());
            assertThat(ImageIO.read(new ByteArrayInputStream(store.get(a.reconstruction()))).getWidth()).isEqualTo(32);

            // A newer checkpoint while cases are in flight: every case still gets exactly one result.
            List<ImagePreprocessed> around = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                around.add(lesion(10 + i));
            }
            probe.send("images.preprocessed", around.get(0).partitionKey(), EventCodec.toJson(around.get(0)));
            publishEncoder(probe, "e4e-it-b", 2);
            for (ImagePreprocessed c : around.subList(1, 3)) {
                probe.send("images.preprocessed", c.partitionKey(), EventCodec.toJson(c));
            }
            for (ImagePreprocessed c : around) {
                LatentsInverted r = latents(out.await(m -> m.key().equals(c.partitionKey()), Duration.ofMinutes(2)));
                assertThat(r.checkpointId()).isIn("e4e-it-a", "e4e-it-b");
            }
            String stamped = "e4e-it-a";
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!stamped.equals("e4e-it-b") && System.nanoTime() < deadline) {
                ImagePreprocessed later = lesion(99);
                probe.send("images.preprocessed", later.partitionKey(), EventCodec.toJson(later));
                stamped = latents(out.await(m -> m.key().equals(later.partitionKey()), Duration.ofMinutes(1))).checkpointId();
            }
            assertThat(stamped).as("cases after the swap use the new checkpoint").isEqualTo("e4e-it-b");
            List<ConsumerRecord<String, String>> all = out.drain(Duration.ofSeconds(1));
            for (ImagePreprocessed c : around) {
                assertThat(all.stream().filter(m -> m.key().equals(c.partitionKey()))).hasSize(1);
            }
        }
    }

    @Test
    void badInputIsDeadLetteredWithItsReason() throws Exception {
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription out = probe.subscribe("latents.inverted");
             TopicProbe.Subscription dead = probe.subscribe("dead-letter.inversion")) {
            publishEncoder(probe, "e4e-it-c", 3);
            ImagePreprocessed notAnImage = preprocessed("this is not a PNG".getBytes());
            ImagePreprocessed good = lesion(5);
            ImagePreprocessed missing = new ImagePreprocessed(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null,
                    UUID.randomUUID(), good.original(),
                    new ObjectRef("preprocessed/inversion-it/nothing.png", "0".repeat(64), 1, "image/png"), 64, "x", 64, 64, 1, null);
            probe.send("images.preprocessed", "garbage", "{not json");
            probe.send("images.preprocessed", notAnImage.partitionKey(), EventCodec.toJson(notAnImage));
            probe.send("images.preprocessed", missing.partitionKey(), EventCodec.toJson(missing));
            probe.send("images.preprocessed", good.partitionKey(), EventCodec.toJson(good));
            assertThat(reason(dead.await(r -> "garbage".equals(r.key()), Duration.ofMinutes(2)))).isEqualTo("MALFORMED_EVENT");
            assertThat(reason(dead.await(r -> notAnImage.partitionKey().equals(r.key()), Duration.ofMinutes(1))))
                    .isEqualTo("NOT_AN_IMAGE");
            assertThat(reason(dead.await(r -> missing.partitionKey().equals(r.key()), Duration.ofMinutes(1))))
                    .isEqualTo("IMAGE_MISSING");
            out.await(r -> good.partitionKey().equals(r.key()), Duration.ofMinutes(2));
        }
    }

    static String reason(ConsumerRecord<String, String> r) {
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), DeadLetter.class).reasonCode();
    }

    static LatentsInverted latents(ConsumerRecord<String, String> r) {
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), LatentsInverted.class);
    }
}
