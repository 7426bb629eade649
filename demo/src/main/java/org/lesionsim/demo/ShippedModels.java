package org.lesionsim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.storage.CheckpointFolder;
import org.lesionsim.storage.ObjectStore;

/**
 * Publishes the models the project ships ({@code models/<name>/}, each a checkpoint folder whose
 * {@code config.json} names its {@code checkpointId}, {@code kind} and {@code kimg}) the way the
 * trainer publishes its own: objects under {@code checkpoints/{id}/} and a {@code checkpoint
 * published} event, so the workers pick them up through the one path they know. An encoder's event
 * also lists the artefacts of the generator it was trained against ({@code generatorCheckpointId}),
 * which the inversion and progression workers render with.
 */
final class ShippedModels {
    private ShippedModels() {
    }

    /** The published checkpoints, generators first; returns once every worker of the stack is ready with them. */
    static List<CheckpointPublished> publish(DemoStack stack, ObjectStore store, Path modelsDir) throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(modelsDir)) {
            folders = list.filter(d -> Files.isRegularFile(d.resolve(CheckpointFolder.CONFIG))).toList();
        }
        Map<Path, JsonNode> configs = new LinkedHashMap<>();
        for (Path dir : folders) {
            configs.put(dir, EventCodec.mapper().readTree(dir.resolve(CheckpointFolder.CONFIG).toFile()));
        }
        List<Path> ordered = new ArrayList<>(configs.keySet());
        ordered.sort(Comparator.comparing((Path d) -> !configs.get(d).path("kind").asText().equals("generator"))
                .thenComparing(Path::toString));

        Map<String, Map<String, ObjectRef>> byId = new HashMap<>();
        List<CheckpointPublished> published = new ArrayList<>();
        for (Path dir : ordered) {
            JsonNode config = configs.get(dir);
            String id = config.path("checkpointId").asText();
            CheckpointPublished.Kind kind = CheckpointPublished.Kind.valueOf(config.path("kind").asText());
            CheckpointFolder.Uploaded uploaded = CheckpointFolder.upload(store, id, dir);
            Map<String, ObjectRef> artefacts = new LinkedHashMap<>(uploaded.artefacts());
            String generatorId = config.path("generatorCheckpointId").isTextual()
                    ? config.path("generatorCheckpointId").asText() : null;
            if (generatorId != null) {
                Map<String, ObjectRef> generator = byId.get(generatorId);
                if (generator == null) {
                    throw new IOException(dir + " was trained against " + generatorId + ", which is not in " + modelsDir);
                }
                artefacts.putIfAbsent("generator_ema", generator.get("generator_ema"));
                artefacts.putIfAbsent("generator_ema_config", generator.get("generator_ema_config"));
            }
            byId.put(id, artefacts);
            // The run that made it, if recorded; else a stable id per shipped model.
            UUID jobId = config.path("jobId").isTextual() ? UUID.fromString(config.path("jobId").asText())
                    : UUID.nameUUIDFromBytes(("models/" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            CheckpointPublished event = new CheckpointPublished(UUID.randomUUID(), Instant.now(), jobId, id, kind,
                    config.path("kimg").asDouble(), uploaded.config(), artefacts, generatorId);
            stack.publish(event);
            published.add(event);
        }
        // The model workers say "ready" only once they serve with these (docs/DESIGN.md §7).
        stack.awaitModelsLoaded(java.time.Duration.ofMinutes(3));
        return published;
    }

    /** The shipped judge's weights, when the models folder has them. */
    static final String JUDGE = "ham10000-judge64/judge.safetensors";

    /** The progression axis chosen offline for the shipped generator. */
    static final String SHIPPED_AXIS = "ham10000-g64/progression-axis.json";

    /**
     * Worker settings the models folder implies beyond its checkpoints: the metrics worker's judge
     * (P(mel) and realism per frame; without it those scores and the verdict say "not configured"),
     * the same judge for the progression worker, which ends calibrated walks where realism breaks, and
     * the shipped progression axis as an absolute path: the worker's default is relative to its working
     * directory, which is the caller's (a demo IT runs in {@code demo/}), and without the file {@code auto}
     * walks the top-ranked axis instead, which the directions worker re-ranks as cases arrive, so a case
     * redelivered after a re-rank got a second, different simulation (found by {@link FaultRun}).
     */
    static java.util.Map<String, String> workerConfig(Path modelsDir) {
        java.util.Map<String, String> config = new LinkedHashMap<>();
        if (modelsDir == null) {
            return config;
        }
        Path judge = modelsDir.resolve(JUDGE);
        if (Files.isRegularFile(judge)) {
            config.put("lesionsim.metrics.judge.weights", judge.toAbsolutePath().toString());
            config.put("lesionsim.progression.judge-weights", judge.toAbsolutePath().toString());
        }
        Path axis = modelsDir.resolve(SHIPPED_AXIS);
        if (Files.isRegularFile(axis)) {
            config.put("lesionsim.progression.shipped-axis", axis.toAbsolutePath().toString());
        }
        return config;
    }
}
