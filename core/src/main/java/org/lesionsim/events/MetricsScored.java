package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Per-frame scores of a rendered progression. A metric whose pretrained weights are not
 * configured is reported with status {@code not-configured} and no values, never a number.
 * {@code verdict} (whether the walk is a credible progression, and which conditions failed) supersedes
 * {@code monotone} (TDS-based, kept for compatibility); {@code scoredStrip} is the strip with the input,
 * its reconstruction and each frame's judgement. Both are null in events written before they existed
 * (such events still decode).
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
        ObjectRef plot,
        @NullWhenAbsent Verdict verdict,
        @NullWhenAbsent ObjectRef scoredStrip) implements LesionEvent {

    /** An event as written before the verdict and the scored strip. */
    public MetricsScored(UUID eventId, Instant time, UUID caseId, String checkpointId, UUID causationId, List<Double> alphas,
                         List<Score> scores, Boolean monotone, ObjectRef table, ObjectRef plot) {
        this(eventId, time, caseId, checkpointId, causationId, alphas, scores, monotone, table, plot, null, null);
    }

    /**
     * One verdict per progression ({@code org.lesionsim.scoring.ProgressionVerdict}).
     *
     * @param status    credible, not-credible, or not-configured (the judge, or its real range, missing)
     * @param failed    every failed condition (empty when credible)
     * @param notJudged why P(mel) and realism were not judged, or null
     * @param bounds    the bounds used
     */
    public record Verdict(VerdictStatus status, List<FailedCondition> failed, String notJudged, VerdictBounds bounds) {
        public Verdict {
            present(status, "verdict.status");
            failed = List.copyOf(present(failed, "verdict.failed"));
            present(bounds, "verdict.bounds");
            if (status == VerdictStatus.credible && !failed.isEmpty()) {
                throw new MalformedEventException("a credible verdict names no failed condition");
            }
            if (status == VerdictStatus.notCredible && failed.isEmpty()) {
                throw new MalformedEventException("a not-credible verdict names its failed conditions");
            }
        }
    }

    public enum VerdictStatus {
        credible, @com.fasterxml.jackson.annotation.JsonProperty("not-credible") notCredible,
        @com.fasterxml.jackson.annotation.JsonProperty("not-configured") notConfigured
    }

    /**
     * @param code   P_MEL_NOT_RISING, OUTSIDE_REAL_RANGE, LESION_LOST or SKIN_SHIFT
     * @param detail what was seen
     * @param frames the offending frames (empty for the ρ and ΔE conditions)
     * @param value  ρ(P(mel), α) or the skin ΔE*ab; null for the frame conditions or an undefined ρ
     */
    public record FailedCondition(String code, String detail, List<Integer> frames, Double value) {
        public FailedCondition {
            present(code, "code");
            present(detail, "detail");
            frames = List.copyOf(present(frames, "frames"));
        }
    }

    /**
     * @param pMelSpearman least ρ(P(mel), α); @param skinDeltaE largest skin ΔE*ab from frame 0 to the last frame;
     * @param pMelRise least rise of P(mel) from frame 0 to the last frame
     */
    public record VerdictBounds(double pMelSpearman, double skinDeltaE, double pMelRise) {
    }

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
