package org.lesionsim.metrics.service;

import java.util.ArrayList;
import java.util.List;
import org.lesionsim.scoring.FrameScore;
import org.lesionsim.scoring.ProgressionScorer;
import org.lesionsim.scoring.ScoresCsv;

/**
 * The per-frame table of a scored progression as CSV (RFC 4180): {@code frame, alpha, frame_key},
 * then every score of {@link ProgressionScorer#SCORES} in its order, then {@code no_lesion_reason}.
 * An empty cell was not measured. Same scores, same bytes: a redelivered simulation rewrites the
 * object unchanged.
 */
final class ProgressionTable {
    private ProgressionTable() {
    }

    static byte[] csv(List<FrameScore> frames, List<String> frameKeys) {
        List<String> header = new ArrayList<>(List.of("frame", "alpha", "frame_key"));
        header.addAll(ProgressionScorer.SCORES.keySet());
        header.add("no_lesion_reason");
        ScoresCsv table = new ScoresCsv(header);
        for (FrameScore f : frames) {
            List<Object> row = new ArrayList<>(List.of(f.frame(), f.alpha(), frameKeys.get(f.frame())));
            ProgressionScorer.SCORES.values().forEach(score -> row.add(score.apply(f)));
            row.add(f.noLesionReason());
            table.add(row);
        }
        return table.bytes();
    }
}
