package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Frames of a latent walk along a direction, one per alpha, with a strip and an animated GIF.
 * {@code input} (the preprocessed image the case was inverted from) and {@code reconstruction} (the
 * generator's image of its inverted W+) are there when the walk knows them, null otherwise (and in
 * events written before they existed, which still decode).
 */
public record SimulationRendered(
        UUID eventId,
        Instant time,
        UUID caseId,
        String checkpointId,
        UUID jobId,
        UUID causationId,
        String direction,
        String layers,
        List<Double> alphas,
        List<ObjectRef> frames,
        ObjectRef strip,
        ObjectRef animation,
        Diagnosis diagnosis,
        @NullWhenAbsent ObjectRef input,
        @NullWhenAbsent ObjectRef reconstruction) implements LesionEvent {

    /** A walk whose input and reconstruction are not known. */
    public SimulationRendered(UUID eventId, Instant time, UUID caseId, String checkpointId, UUID jobId, UUID causationId,
                              String direction, String layers, List<Double> alphas, List<ObjectRef> frames, ObjectRef strip,
                              ObjectRef animation, Diagnosis diagnosis) {
        this(eventId, time, caseId, checkpointId, jobId, causationId, direction, layers, alphas, frames, strip, animation, diagnosis,
                null, null);
    }

    public SimulationRendered {
        present(eventId, "eventId");
        present(time, "time");
        present(caseId, "caseId");
        present(checkpointId, "checkpointId");
        present(causationId, "causationId");
        present(direction, "direction");
        present(layers, "layers");
        alphas = List.copyOf(present(alphas, "alphas"));
        frames = List.copyOf(present(frames, "frames"));
        present(strip, "strip");
        present(animation, "animation");
        if (alphas.size() != frames.size()) {
            throw new MalformedEventException("one frame per alpha expected: " + alphas.size() + " alphas, " + frames.size() + " frames");
        }
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
