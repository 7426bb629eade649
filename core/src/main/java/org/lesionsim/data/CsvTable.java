package org.lesionsim.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The project's CSV, read and written with Apache Commons CSV. Reading: a metadata CSV as HAM10000
 * ships it (and as the synthetic generator writes it): a header line, one record per line, quotes
 * honoured (a quoted field may hold commas, doubled quotes and line breaks), fields trimmed, blank
 * lines skipped. Rows keep their spreadsheet number (header = row 1, the line a record starts on)
 * so errors can name the row without quoting its contents. Writing ({@link #text}): RFC 4180 with
 * {@code \n} after every record, a field quoted only when it must be, an empty or null cell
 * written as nothing, so the same rows are the same bytes.
 */
public record CsvTable(Path file, List<String> header, List<Row> rows) {

    /** How the project reads CSV: RFC 4180, trimmed fields; blank lines are dropped by {@link #read}. */
    private static final CSVFormat READ = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false) // kept as records, so each record's line number can be counted
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .get();

    /** How the project writes CSV: RFC 4180 quoting, {@code \n} line ends (as the files always had). */
    public static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    /** One record and the row number a spreadsheet would show for it. */
    public record Row(int number, List<String> fields) {
        public String get(int column) {
            return fields.get(column);
        }
    }

    public static CsvTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(text, READ)) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file.getFileName() + " is not valid CSV: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " is empty");
        }
        List<String> header = records.get(0).toList();
        List<Row> rows = new ArrayList<>();
        LineCounter lines = new LineCounter(text);
        for (CSVRecord record : records.subList(1, records.size())) {
            List<String> fields = record.toList();
            if (fields.stream().allMatch(String::isEmpty)) { // a blank line
                continue;
            }
            int number = lines.lineAt(record.getCharacterPosition());
            if (fields.size() < header.size()) {
                throw new IllegalArgumentException(file.getFileName() + " row " + number + " has " + fields.size()
                        + " fields, expected " + header.size());
            }
            rows.add(new Row(number, List.copyOf(fields)));
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

    /**
     * Records as CSV text in {@link #WRITE}'s format: cells by {@code toString()}, a null or empty
     * cell as nothing (never {@code ""}).
     */
    public static String text(List<? extends List<?>> records) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
            for (List<?> record : records) {
                printer.printRecord(record.stream().map(c -> c == null || c.toString().isEmpty() ? null : c.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** Writes {@link #text} as UTF-8. */
    public static void write(Path file, List<? extends List<?>> records) throws IOException {
        Files.writeString(file, text(records), StandardCharsets.UTF_8);
    }

    /** 1-based line numbers of character positions; a line ends at {@code \n}, {@code \r\n} or {@code \r}. */
    private static final class LineCounter {
        private final String text;
        private int position;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        /** Positions must come in increasing order. */
        int lineAt(long target) {
            while (position < target && position < text.length()) {
                char c = text.charAt(position++);
                if (c == '\n' || c == '\r' && (position >= text.length() || text.charAt(position) != '\n')) {
                    line++;
                }
            }
            return line;
        }
    }
}
