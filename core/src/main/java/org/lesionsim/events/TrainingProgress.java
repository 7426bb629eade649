package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One training tick, or a change of a job's status; {@code metrics} holds FID/SWD when computed.
 * {@code device} is where the trainer runs the job (DJL's {@code cpu()} or {@code gpu(0)}), null on
 * events the trainer did not make (a checkpoint's evaluation).
 */
public record TrainingProgress(
        UUID eventId,
        Instant time,
        UUID jobId,
        String checkpointId,
        Status status,
        double kimg,
        int tick,
        Double secondsPerKimg,
        Map<String, Double> losses,
        Double augmentP,
        Map<String, Double> metrics,
        String message,
        String device) implements LesionEvent {

    public enum Status { queued, running, completed, failed }

    public TrainingProgress {
        present(eventId, "eventId");
        present(time, "time");
        present(jobId, "jobId");
        present(status, "status");
        losses = Map.copyOf(present(losses, "losses"));
        metrics = present(metrics, "metrics");
    }

    @Override
    public String partitionKey() {
        return jobId.toString();
    }
}
