package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Train the generator (or the encoder against a frozen generator) on preprocessed images in the store. */
public record TrainingRequested(
        UUID eventId,
        Instant time,
        UUID jobId,
        String checkpointId,
        Stage stage,
        String datasetPrefix,
        String preset,
        Map<String, Object> overrides,
        double kimg,
        long seed,
        String resumeFrom) implements LesionEvent {

    public enum Stage { generator, encoder }

    public TrainingRequested {
        present(eventId, "eventId");
        present(time, "time");
        present(jobId, "jobId");
        present(stage, "stage");
        present(datasetPrefix, "datasetPrefix");
        present(preset, "preset");
        overrides = Map.copyOf(present(overrides, "overrides"));
    }

    @Override
    public String partitionKey() {
        return jobId.toString();
    }
}
