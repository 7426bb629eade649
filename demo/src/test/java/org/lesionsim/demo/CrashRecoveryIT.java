package org.lesionsim.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * Nothing a worker accepted is lost when it crashes: the preprocess worker (its packaged jar, as
 * deployed) is killed with SIGKILL in the middle of a batch and restarted; every case still ends
 * with its preprocessed image and event.
 */
class CrashRecoveryIT {

    static byte[] jpeg(int i) throws Exception {
        BufferedImage img = new BufferedImage(600, 450, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(210, 165, 150));
        g.fillRect(0, 0, 600, 450);
        g.setColor(new Color(90 + i, 50, 30));
        g.fillOval(200 + i, 150, 160, 140);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void aKilledWorkerLosesNoCase() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of("target"), "crash-");
        int n = 100;
        try (DemoStack stack = DemoStack.start(root, data, Map.of("smallrye.messaging.worker.preprocess-pool.max-concurrency", "1"),
                List.of("preprocess"));
             PipelineWatch watch = stack.watch(List.of("images.preprocessed"))) {
            ObjectStore store = stack.store();
            Set<String> cases = new HashSet<>();
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                for (int i = 0; i < n; i++) {
                    UUID caseId = UUID.randomUUID();
                    ObjectRef ref = store.put(ObjectKeys.caseOriginal(caseId, "jpg"), jpeg(i), "image/jpeg");
                    CaseReceived event = new CaseReceived(UUID.randomUUID(), Instant.now(), caseId, null,
                            CaseReceived.Source.upload, ref, null, Diagnosis.NV, null);
                    producer.send(new ProducerRecord<>("cases.received", event.partitionKey(), EventCodec.toJson(event))).get();
                    cases.add(caseId.toString());
                }
            }
            // let it get part-way, then pull the plug
            watch.awaitAll(5, List.of("images.preprocessed"), Duration.ofSeconds(120), x -> { });
            stack.worker("preprocess").kill();
            long beforeRestart = watch.count("images.preprocessed");
            assertThat(beforeRestart).as("killed mid-batch").isLessThan(n);

            stack.restart("preprocess");
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            Set<String> done = new HashSet<>();
            while (!done.containsAll(cases) && System.nanoTime() < deadline) {
                watch.seen("images.preprocessed").forEach(r -> done.add(r.key()));
            }
            assertThat(done).containsAll(cases);
            for (var r : watch.seen("images.preprocessed")) {
                ImagePreprocessed e = EventCodec.fromJson(r.value(), ImagePreprocessed.class);
                assertThat(store.get(e.image())).isNotEmpty(); // the object exists with the recorded checksum
            }
        }
    }
}
