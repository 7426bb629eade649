package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Per-frame scores of a rendered progression. A metric whose pretrained weights are not
 * configured is reported with status {@code not-configured} and no values, never a number.
 */
public record MetricsScored(
        UUID eventId,
        Instant time,
        UUID caseId,
        String checkpointId,
        UUID causationId,
        List<Double> alphas,
        List<Score> scores,
        Boolean monotone,
        ObjectRef table,
        ObjectRef plot) implements LesionEvent {

    public enum Status {
        ok, @com.fasterxml.jackson.annotation.JsonProperty("not-configured") notConfigured
    }

    /** One metric over the frames, and its Spearman correlation with alpha. */
    public record Score(String name, Status status, List<Double> perFrame, Double spearmanWithAlpha) {
        public Score {
            present(name, "name");
            present(status, "status");
            if (status == Status.notConfigured && perFrame != null) {
                throw new MalformedEventException("a not-configured score carries no values");
            }
        }
    }

    public MetricsScored {
        present(eventId, "eventId");
        present(time, "time");
        present(caseId, "caseId");
        present(causationId, "causationId");
        alphas = List.copyOf(present(alphas, "alphas"));
        scores = List.copyOf(present(scores, "scores"));
        present(table, "table");
        present(plot, "plot");
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
