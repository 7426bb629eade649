package org.lesionsim.metrics.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lesionsim.metrics.progression.FrameScore;
import org.lesionsim.metrics.progression.ProgressionScorer;

/**
 * The per-frame table of a scored progression as CSV (RFC 4180): {@code frame, alpha, frame_key},
 * then every score of {@link ProgressionScorer#SCORES} in its order, then {@code no_lesion_reason}.
 * An empty cell was not measured. Same scores, same bytes: a redelivered simulation rewrites the
 * object unchanged. (common's {@code ScoresCsv} is package-private, hence this small writer.)
 */
final class ProgressionTable {
    private ProgressionTable() {
    }

    static byte[] csv(List<FrameScore> frames, List<String> frameKeys) {
        List<Object> header = new ArrayList<>(List.of("frame", "alpha", "frame_key"));
        header.addAll(ProgressionScorer.SCORES.keySet());
        header.add("no_lesion_reason");
        StringBuilder text = new StringBuilder(line(header));
        for (FrameScore f : frames) {
            List<Object> row = new ArrayList<>(List.of(f.frame(), f.alpha(), frameKeys.get(f.frame())));
            ProgressionScorer.SCORES.values().forEach(score -> row.add(score.apply(f)));
            row.add(f.noLesionReason());
            text.append(line(row));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(List<Object> cells) {
        return cells.stream().map(ProgressionTable::cell).collect(Collectors.joining(",")) + "\n";
    }

    private static String cell(Object value) {
        if (value == null || value instanceof Double d && !Double.isFinite(d)) {
            return "";
        }
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%s", d) : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
