package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Closed-form (SeFa) or supervised directions in W for one checkpoint and layer selection. */
public record DirectionsComputed(
        UUID eventId,
        Instant time,
        UUID jobId,
        String checkpointId,
        Method method,
        String layers,
        ObjectRef directions,
        int count,
        List<Double> topEigenvalues,
        ObjectRef ranking) implements LesionEvent {

    public enum Method { sefa, supervised }

    public DirectionsComputed {
        present(eventId, "eventId");
        present(time, "time");
        present(jobId, "jobId");
        present(checkpointId, "checkpointId");
        present(method, "method");
        present(layers, "layers");
        present(directions, "directions");
        topEigenvalues = List.copyOf(present(topEigenvalues, "topEigenvalues"));
    }

    @Override
    public String partitionKey() {
        return checkpointId;
    }
}
