package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Ask for a progression of one case along one direction ({@code sefa:k}, {@code supervised} or {@code auto}). */
public record SimulationRequested(
        UUID eventId,
        Instant time,
        UUID jobId,
        String checkpointId,
        UUID caseId,
        String direction,
        List<Double> alphas,
        String layers) implements LesionEvent {

    public SimulationRequested {
        present(eventId, "eventId");
        present(time, "time");
        present(jobId, "jobId");
        present(caseId, "caseId");
        present(direction, "direction");
        present(layers, "layers");
        alphas = List.copyOf(present(alphas, "alphas"));
        if (alphas.isEmpty()) {
            throw new MalformedEventException("alphas must not be empty");
        }
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
