package org.lesionsim.servicetest;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventType;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.storage.CheckpointFolder;
import org.lesionsim.storage.ObjectStore;

/**
 * Checkpoints for worker tests, made the way the trainer makes them: a folder with a random (seeded)
 * {@code generator_ema} and a {@code config.json}, uploaded to the real store through
 * {@link CheckpointFolder} and announced on {@code checkpoints.published}. Tests add their own files
 * (an encoder, say) to the folder before publishing it.
 */
public final class TestCheckpoints {
    public static final String TOPIC = EventType.CHECKPOINT_PUBLISHED.topic();
    private static final ObjectMapper JSON = JsonMappers.compact();

    private TestCheckpoints() {
    }

    /**
     * A fresh folder under the module's {@code target/} holding {@code generator_ema.safetensors} + {@code generator_ema.json} of a
     * generator drawn from {@code seed}, and a {@code config.json} with kind, id and {@code fields}.
     */
    public static Path generatorFolder(GeneratorConfig config, long seed, CheckpointPublished.Kind kind, String checkpointId,
                                       Map<String, String> fields) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "checkpoint-"); // cleaned with the build
        try (NDManager manager = NDManager.newBaseManager(); Generator g = Generator.create(config, manager, seed)) {
            g.save(dir.resolve("generator_ema.safetensors"));
        }
        ObjectNode json = JSON.createObjectNode().put("kind", kind.name()).put("checkpointId", checkpointId);
        fields.forEach(json::put);
        Files.writeString(dir.resolve(CheckpointFolder.CONFIG), json.toString());
        return dir;
    }

    /** Uploads {@code dir} as checkpoint {@code id} and announces it; the event sent (schema-valid). */
    public static CheckpointPublished publish(ObjectStore store, TopicProbe probe, Path dir, String id,
                                              CheckpointPublished.Kind kind, double kimg, String generatorCheckpointId)
            throws IOException {
        CheckpointFolder.Uploaded up = CheckpointFolder.upload(store, id, dir);
        CheckpointPublished event = new CheckpointPublished(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), id, kind,
                kimg, up.config(), up.artefacts(), generatorCheckpointId);
        probe.send(TOPIC, event.partitionKey(), EventCodec.toJson(event));
        return event;
    }
}
