package org.lesionsim.scoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lesionsim.data.CsvTable;

/**
 * A CSV table written as RFC 4180 ({@link CsvTable#text}, Commons CSV): a header, then one line per
 * row; a field with a comma, quote or line break is quoted with quotes doubled. Numbers print with
 * {@link Locale#ROOT} at full double precision; a null or non-finite cell (not measured) is empty. The one writer of score tables:
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
        List<List<String>> records = new ArrayList<>();
        records.add(header);
        for (List<Object> row : rows) {
            records.add(row.stream().map(ScoresCsv::cell).toList());
        }
        return CsvTable.text(records).getBytes(StandardCharsets.UTF_8);
    }

    /** A cell's text; quoting is {@link CsvTable#text}'s. */
    private static String cell(Object value) {
        if (value == null || value instanceof Double d && !Double.isFinite(d)) {
            return "";
        }
        return value instanceof Double d ? String.format(Locale.ROOT, "%s", d) : value.toString();
    }
}
