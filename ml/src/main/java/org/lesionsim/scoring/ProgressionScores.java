package org.lesionsim.scoring;

import java.util.List;

/**
 * A scored progression: one {@link FrameScore} per frame, in order, the {@link ProgressionSummary} and
 * the {@link ProgressionVerdict} (which supersedes the summary's TDS-based {@code monotone}).
 */
public record ProgressionScores(List<FrameScore> frames, ProgressionSummary summary, ProgressionVerdict verdict) {
    public ProgressionScores {
        frames = List.copyOf(frames);
    }
}
