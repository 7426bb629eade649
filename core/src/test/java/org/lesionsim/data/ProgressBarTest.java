package org.lesionsim.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What long imports print: plain lines in logs, one redrawn line on a terminal, never a repeated final line. */
class ProgressBarTest {

    @Test
    void logsGetPlainLinesWithCountRateAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("imported", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int i = 0; i < 4; i++) {
            bar.step();
        }
        bar.finish();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        // first step prints (so a log shows the job started), the rest falls inside the 5 s interval, the end prints once
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("imported [").contains("] 1/4 ").containsPattern("\\d+\\.\\d/s ETA \\d+s$");
        assertThat(lines.get(1)).contains("[" + "#".repeat(30) + "] 4/4 ").doesNotContain("ETA").doesNotContain("\r");
    }

    @Test
    void terminalRedrawsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("x", 2, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        bar.step();
        bar.step();
        bar.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r").endsWith("\n");
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void remainingTimeReadsLikeATime() {
        assertThat(ProgressBar.duration(42)).isEqualTo("42s");
        assertThat(ProgressBar.duration(185)).isEqualTo("3m05s");
        assertThat(ProgressBar.duration(3720)).isEqualTo("1h02m");
    }
}
