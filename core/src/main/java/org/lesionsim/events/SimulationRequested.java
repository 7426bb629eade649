package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Ask for a progression of one case along one direction ({@code sefa:k}, {@code supervised} or {@code auto}).
 * {@code schedule} {@code calibrated} asks the worker to plan α from the case's own position on the
 * axis to the melanoma class centre plus its margin (in σ units), {@code alphas} being the walk
 * when the chosen axis carries no class statistics; {@code fixed} or absent walks {@code alphas}.
 */
public record SimulationRequested(
        UUID eventId,
        Instant time,
        UUID jobId,
        String checkpointId,
        UUID caseId,
        String direction,
        List<Double> alphas,
        String layers,
        @NullWhenAbsent String schedule) implements LesionEvent {

    public static final String FIXED = "fixed";
    public static final String CALIBRATED = "calibrated";

    /** A request that walks exactly {@code alphas}. */
    public SimulationRequested(UUID eventId, Instant time, UUID jobId, String checkpointId, UUID caseId, String direction,
                               List<Double> alphas, String layers) {
        this(eventId, time, jobId, checkpointId, caseId, direction, alphas, layers, null);
    }

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
        if (schedule != null && !schedule.equals(FIXED) && !schedule.equals(CALIBRATED)) {
            throw new MalformedEventException("schedule must be fixed or calibrated, not '" + schedule + "'");
        }
    }

    public boolean calibrated() {
        return CALIBRATED.equals(schedule);
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
