package org.lesionsim.metrics.progression;

import java.util.List;

/** A scored progression: one {@link FrameScore} per frame, in order, and the {@link ProgressionSummary}. */
public record ProgressionScores(List<FrameScore> frames, ProgressionSummary summary) {
    public ProgressionScores {
        frames = List.copyOf(frames);
    }
}
