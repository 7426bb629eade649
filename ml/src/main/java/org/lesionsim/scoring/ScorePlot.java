package org.lesionsim.scoring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart of several score series against one x (α, or image number), drawn with Java2D: axes
 * with ticks and numbers, axis labels, a title, one coloured line with point markers per series, and
 * a legend. In: x values and series of the same length (NaN = not measured: the line breaks there).
 * Out: an RGB {@link BufferedImage} of the requested size, or a PNG file.
 */
public final class ScorePlot {
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final int TICKS = 5;

    /** One line: its legend name and one value per x (NaN where not measured). */
    public record Series(String name, double[] values) {
    }

    private ScorePlot() {
    }

    public static void writePng(Path file, String title, String xLabel, String yLabel, double[] x, List<Series> series,
                                int width, int height) throws IOException {
        ImageIO.write(render(title, xLabel, yLabel, x, series, width, height), "png", file.toFile());
    }

    public static BufferedImage render(String title, String xLabel, String yLabel, double[] x, List<Series> series,
                                       int width, int height) {
        for (Series s : series) {
            if (s.values().length != x.length) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().length + " values for " + x.length + " x values");
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();

            int left = 64;
            int right = width - 16;
            int top = 36;
            int bottom = height - 48;
            double[] xr = range(x);
            double[] yr = range(series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).toArray());
            Axis ax = new Axis(xr[0], xr[1], left, right);
            Axis ay = new Axis(yr[0], yr[1], bottom, top);

            g.setColor(Color.BLACK);
            g.drawString(title, (width - fm.stringWidth(title)) / 2, 22);
            g.drawLine(left, bottom, right, bottom);
            g.drawLine(left, bottom, left, top);
            for (double xv : ticks(xr)) {
                int px = ax.pixel(xv);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(px, top, px, bottom - 1);
                g.setColor(Color.BLACK);
                g.drawLine(px, bottom, px, bottom + 4);
                String label = number(xv, xr);
                g.drawString(label, px - fm.stringWidth(label) / 2, bottom + 6 + fm.getAscent());
            }
            for (double yv : ticks(yr)) {
                int py = ay.pixel(yv);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(left + 1, py, right, py);
                g.setColor(Color.BLACK);
                g.drawLine(left - 4, py, left, py);
                String ylab = number(yv, yr);
                g.drawString(ylab, left - 6 - fm.stringWidth(ylab), py + fm.getAscent() / 2 - 1);
            }
            g.drawString(xLabel, (left + right - fm.stringWidth(xLabel)) / 2, height - 10);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(top + bottom + fm.stringWidth(yLabel)) / 2, 16);
            g.setTransform(saved);

            for (int s = 0; s < series.size(); s++) {
                drawSeries(g, x, series.get(s).values(), ax, ay, PALETTE[s % PALETTE.length]);
            }
            drawLegend(g, fm, series, left + 10, top + 8);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Linear map from a value range to a pixel range. */
    private record Axis(double min, double max, int from, int to) {
        int pixel(double v) {
            return (int) Math.round(from + (v - min) / (max - min) * (to - from));
        }
    }

    private static void drawSeries(Graphics2D g, double[] x, double[] y, Axis ax, Axis ay, Color colour) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f));
        Path2D line = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i]) || !Double.isFinite(x[i])) {
                pen = false;
                continue;
            }
            double px = ax.pixel(x[i]);
            double py = ay.pixel(y[i]);
            if (pen) {
                line.lineTo(px, py);
            } else {
                line.moveTo(px, py);
                pen = true;
            }
            g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
        }
        g.draw(line);
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawLegend(Graphics2D g, FontMetrics fm, List<Series> series, int x, int y) {
        int widest = series.stream().mapToInt(s -> fm.stringWidth(s.name())).max().orElse(0);
        int row = fm.getHeight() + 2;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x, y, widest + 40, row * series.size() + 8);
        g.setColor(Color.GRAY);
        g.drawRect(x, y, widest + 40, row * series.size() + 8);
        for (int s = 0; s < series.size(); s++) {
            int cy = y + 4 + row * s + row / 2;
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x + 6, cy, x + 26, cy);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name(), x + 32, cy + fm.getAscent() / 2 - 1);
        }
    }

    /** [min, max] of the finite values, widened when flat or empty and out to multiples of the tick step. */
    private static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
            double pad = Math.max(Math.abs(min) * 0.1, 0.5);
            min -= pad;
            max += pad;
        }
        double step = niceStep(max - min);
        return new double[] {Math.floor(min / step) * step, Math.ceil(max / step) * step};
    }

    /** 1, 2 or 5 times a power of ten, giving about {@link #TICKS} intervals over {@code span}. */
    private static double niceStep(double span) {
        double raw = span / TICKS;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double mantissa = raw / power;
        return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
    }

    /** Tick values at the nice step across an axis range (whose ends lie on the step). */
    private static double[] ticks(double[] range) {
        double step = niceStep(range[1] - range[0]);
        int n = (int) Math.round((range[1] - range[0]) / step);
        double[] ticks = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            ticks[i] = range[0] + i * step;
        }
        return ticks;
    }

    /** A tick label with as many decimals as the tick step needs. */
    private static String number(double v, double[] range) {
        double step = niceStep(range[1] - range[0]);
        if (step < 1e-4 || Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
