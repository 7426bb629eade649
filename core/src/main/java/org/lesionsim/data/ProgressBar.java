package org.lesionsim.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar for long imports, benchmarks and training: count/total, rate and ETA on
 * stderr. On a terminal it redraws one line; otherwise (CI, logs) it prints a plain line at most
 * every few seconds, so logs stay readable.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final String label;
    private final int total;
    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int current;
    private int printed = -1;

    public ProgressBar(String label, int total) {
        this(label, total, System.err, System.console() != null);
    }

    ProgressBar(String label, int total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = Math.max(0, total);
        this.out = out;
        this.terminal = terminal;
    }

    public synchronized void step() {
        update(current + 1);
    }

    public synchronized void update(int done) {
        current = Math.min(done, total);
        long now = System.nanoTime();
        long interval = terminal ? 100_000_000L : 5_000_000_000L;
        if (printed < 0 || now - lastPrint >= interval || (current == total && printed != total)) {
            lastPrint = now;
            print(false);
        }
    }

    /** Ends the bar: a terminal gets its final line and a newline; a log gets the last count once. */
    public synchronized void finish() {
        if (terminal || printed != current) {
            print(true);
        }
    }

    /** The line as printed, e.g. {@code preprocessed [#####.....] 12/24 3.1/s ETA 4s}; the bar is 30 characters wide. */
    public synchronized String line() {
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        double rate = current / seconds;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * current / total);
        String eta = rate > 0 && current < total ? " ETA " + duration((total - current) / rate) : "";
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d %.1f/s%s", label, "#".repeat(filled), ".".repeat(WIDTH - filled), current, total, rate, eta);
    }

    /** 42s, 3m05s, 1h02m: as precise as a remaining time deserves. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private void print(boolean last) {
        printed = current;
        if (terminal) {
            out.print("\r" + line() + (last ? "\n" : ""));
        } else {
            out.println(line());
        }
        out.flush();
    }
}
