package org.lesionsim.scoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A CSV table written as RFC 4180: a header, then one line per row; a field with a comma, quote or
 * line break is quoted with quotes doubled. Numbers print with {@link Locale#ROOT} at full double
 * precision; a null or non-finite cell (not measured) is empty. The one writer of score tables:
 * the scoring report's and the metrics worker's per-frame table.
 */
public final class ScoresCsv {
    private final List<String> header;
    private final List<List<Object>> rows = new ArrayList<>();

    public ScoresCsv(List<String> header) {
        this.header = List.copyOf(header);
    }

    public void add(List<Object> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells for " + header.size() + " columns");
        }
        rows.add(new ArrayList<>(row));
    }

    public void write(Path file) throws IOException {
        Files.write(file, bytes());
    }

    /** The table as UTF-8: the same rows give the same bytes. */
    public byte[] bytes() {
        StringBuilder text = new StringBuilder(line(new ArrayList<>(header)));
        for (List<Object> row : rows) {
            text.append(line(row));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(List<Object> cells) {
        return cells.stream().map(ScoresCsv::cell).collect(Collectors.joining(",")) + "\n";
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
