package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A model snapshot (safetensors + JSON config) that every replica of the downstream workers
 * loads; {@code checkpointId} names it and stamps everything made with it.
 */
public record CheckpointPublished(
        UUID eventId,
        Instant time,
        UUID jobId,
        String checkpointId,
        Kind kind,
        double kimg,
        ObjectRef config,
        Map<String, ObjectRef> artefacts,
        String generatorCheckpointId) implements LesionEvent {

    public enum Kind { generator, encoder }

    public CheckpointPublished {
        present(eventId, "eventId");
        present(time, "time");
        present(jobId, "jobId");
        present(checkpointId, "checkpointId");
        present(kind, "kind");
        present(config, "config");
        artefacts = Map.copyOf(present(artefacts, "artefacts"));
        if (artefacts.isEmpty()) {
            throw new MalformedEventException("a checkpoint needs at least one artefact");
        }
    }

    @Override
    public String partitionKey() {
        return checkpointId;
    }
}
