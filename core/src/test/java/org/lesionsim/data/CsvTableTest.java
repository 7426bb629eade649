package org.lesionsim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the project's CSV reads and writes: quotes, blank lines, row numbers, same rows same bytes. */
class CsvTableTest {

    @Test
    void readsQuotedFieldsTrimsAndNumbersRowsAsASpreadsheetWould(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n   \r\n  p , q \r\n", StandardCharsets.UTF_8);
        CsvTable table = CsvTable.read(file);
        assertThat(table.header()).containsExactly("a", "b");
        assertThat(table.rows()).extracting(CsvTable.Row::fields)
                .containsExactly(List.of("x, y", "say \"hi\""), List.of("p", "q"));
        assertThat(table.rows()).extracting(CsvTable.Row::number).containsExactly(2, 4);
    }

    @Test
    void aShortRowIsNamedByItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "a,b\n\n1\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvTable.read(file)).hasMessage("t.csv row 3 has 1 fields, expected 2");
    }

    @Test
    void writesRfc4180WithNewlinesQuotingOnlyWhatMustBe() {
        String text = CsvTable.text(List.of(List.of("frame", "note"), Arrays.asList(null, "a,b"), List.of("", "say \"x\""),
                List.of("1", "two\nlines")));
        assertThat(text).isEqualTo("frame,note\n,\"a,b\"\n,\"say \"\"x\"\"\"\n1,\"two\nlines\"\n");
    }
}
