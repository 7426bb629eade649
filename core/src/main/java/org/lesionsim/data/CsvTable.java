package org.lesionsim.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A metadata CSV as HAM10000 ships it (and as the synthetic generator writes it): a header line,
 * one record per line, quotes honoured, blank lines skipped. Rows keep their spreadsheet number
 * (header = row 1) so errors can name the row without quoting its contents.
 */
public record CsvTable(Path file, List<String> header, List<Row> rows) {

    /** One record and the row number a spreadsheet would show for it. */
    public record Row(int number, List<String> fields) {
        public String get(int column) {
            return fields.get(column);
        }
    }

    public static CsvTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " is empty");
        }
        List<String> header = split(lines.get(0).replace("\uFEFF", ""));
        List<Row> rows = new ArrayList<>();
        for (int index = 1; index < lines.size(); index++) {
            if (lines.get(index).isBlank()) {
                continue;
            }
            List<String> fields = split(lines.get(index));
            if (fields.size() < header.size()) {
                throw new IllegalArgumentException(file.getFileName() + " row " + (index + 1) + " has " + fields.size()
                        + " fields, expected " + header.size());
            }
            rows.add(new Row(index + 1, fields));
        }
        return new CsvTable(file, List.copyOf(header), List.copyOf(rows));
    }

    /** Index of {@code name} in the header, or an error saying which column is missing and why it matters. */
    public int column(String name, String expectation) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(file.getFileName() + " has no column '" + name + "' (" + expectation + "); header is " + header);
        }
        return i;
    }

    /** CSV fields of one line; HAM10000's metadata has no quoted commas, but quotes are honoured anyway. */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString().trim());
        return fields;
    }
}
