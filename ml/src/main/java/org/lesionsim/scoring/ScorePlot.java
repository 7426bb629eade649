package org.lesionsim.scoring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.lesionsim.imaging.PngEncoder;

/**
 * A line chart of several score series against one x (α, or image number), drawn by JFreeChart:
 * axes with ticks and numbers, axis labels, a title, one coloured line with point markers per
 * series, and a legend. In: x values and series of the same length (NaN = not measured: the line
 * breaks there and no marker is drawn). Out: an RGB {@link BufferedImage} of the requested size,
 * or a PNG written by {@link PngEncoder} (no metadata, the same pixels give the same bytes).
 * Works headless ({@code java.awt.headless=true}): the chart draws into the image's own graphics.
 */
public final class ScorePlot {
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** One line: its legend name and one value per x (NaN where not measured). */
    public record Series(String name, double[] values) {
    }

    /** A series' key in the chart: its position, so two series may share a legend name. */
    private record Key(int index, String name) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ScorePlot() {
    }

    public static void writePng(Path file, String title, String xLabel, String yLabel, double[] x, List<Series> series,
                                int width, int height) throws IOException {
        Files.write(file, PngEncoder.encode(render(title, xLabel, yLabel, x, series, width, height), PngEncoder.Filtering.NONE));
    }

    public static BufferedImage render(String title, String xLabel, String yLabel, double[] x, List<Series> series,
                                       int width, int height) {
        for (Series s : series) {
            if (s.values().length != x.length) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().length + " values for " + x.length + " x values");
            }
        }
        JFreeChart chart = chart(title, xLabel, yLabel, x, series);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static JFreeChart chart(String title, String xLabel, String yLabel, double[] x, List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int s = 0; s < series.size(); s++) {
            XYSeries line = new XYSeries(new Key(s, series.get(s).name()), false, true); // keep the given order
            double[] y = series.get(s).values();
            for (int i = 0; i < x.length; i++) {
                // a value not measured is a NaN point: the renderer draws neither it nor a line to it
                line.add(x[i], Double.isFinite(y[i]) && Double.isFinite(x[i]) ? y[i] : Double.NaN);
            }
            data.addSeries(line);
        }
        NumberAxis xAxis = axis(xLabel);
        NumberAxis yAxis = axis(yLabel);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            renderer.setSeriesStroke(s, new BasicStroke(2f));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe6e6e6));
        plot.setRangeGridlinePaint(new Color(0xe6e6e6));
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.BLACK);
        JFreeChart chart = new JFreeChart(null, FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(title, FONT.deriveFont(Font.BOLD, 13f)));
        LegendTitle legend = new LegendTitle(plot);
        legend.setItemFont(FONT);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addLegend(legend);
        return chart;
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setLabelFont(FONT);
        axis.setTickLabelFont(FONT);
        axis.setAxisLinePaint(Color.BLACK);
        axis.setTickMarkPaint(Color.BLACK);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setLabelPaint(Color.BLACK);
        return axis;
    }
}
