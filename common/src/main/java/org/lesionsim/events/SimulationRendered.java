package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Frames of a latent walk along a direction, one per alpha, with a strip and an animated GIF. */
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
        Diagnosis diagnosis) implements LesionEvent {

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
