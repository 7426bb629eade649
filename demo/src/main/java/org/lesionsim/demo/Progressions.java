package org.lesionsim.demo;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DirectionsComputed;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.storage.ObjectStore;

/**
 * What the demo shows of the research part: each case's progression strip, GIF and score plot
 * downloaded from the store into {@code results/progressions/}, one sheet stacking the strips, and
 * a summary of inversions, directions, progressions and scores as the events reported them.
 */
record Progressions(Path sheet, Path dir, List<LatentsInverted> inverted, List<SimulationRendered> simulations,
                    List<MetricsScored> scores, List<DirectionsComputed> directions) {
    private static final int SHEET_ROWS = 8;

    static Progressions export(ObjectStore store, PipelineWatch watch, Path results) throws IOException {
        List<LatentsInverted> inverted = watch.seen("latents.inverted").stream()
                .map(r -> EventCodec.fromJson(r.value(), LatentsInverted.class)).toList();
        List<SimulationRendered> simulations = watch.seen("simulations.rendered").stream()
                .map(r -> EventCodec.fromJson(r.value(), SimulationRendered.class)).toList();
        List<MetricsScored> scores = watch.seen("metrics.scored").stream()
                .map(r -> EventCodec.fromJson(r.value(), MetricsScored.class)).toList();
        List<DirectionsComputed> directions = watch.seen("directions.computed").stream()
                .map(r -> EventCodec.fromJson(r.value(), DirectionsComputed.class)).toList();
        Map<UUID, MetricsScored> scoreOf = new LinkedHashMap<>();
        scores.forEach(m -> scoreOf.put(m.caseId(), m));

        Path dir = Files.createDirectories(results.resolve("progressions"));
        List<BufferedImage> strips = new ArrayList<>();
        for (SimulationRendered s : simulations) {
            String label = (s.diagnosis() == null ? "unlabelled" : s.diagnosis().code()) + "-" + s.caseId();
            Path caseDir = Files.createDirectories(dir.resolve(label));
            byte[] strip = store.get(s.strip());
            Files.write(caseDir.resolve("strip.png"), strip);
            Files.write(caseDir.resolve("progression.gif"), store.get(s.animation()));
            MetricsScored m = scoreOf.get(s.caseId());
            if (m != null) {
                Files.write(caseDir.resolve("scores.png"), store.get(m.plot()));
                Files.write(caseDir.resolve("scores.csv"), store.get(m.table()));
            }
            if (strips.size() < SHEET_ROWS) {
                strips.add(ImageIO.read(new ByteArrayInputStream(strip)));
            }
        }
        Path sheet = results.resolve("progressions.png");
        if (!strips.isEmpty()) {
            int w = strips.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
            int h = strips.stream().mapToInt(BufferedImage::getHeight).sum();
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            int y = 0;
            for (BufferedImage strip : strips) {
                g.drawImage(strip, 0, y, null);
                y += strip.getHeight();
            }
            g.dispose();
            ImageIO.write(out, "png", sheet.toFile());
        }
        return new Progressions(sheet, dir, inverted, simulations, scores, directions);
    }

    /** Per case the verdict (credible, or not with every failed condition, or not configured and why), then the counts. */
    void printVerdicts(PrintStream out) {
        Map<UUID, String> dx = new LinkedHashMap<>();
        simulations.forEach(s -> dx.put(s.caseId(), s.diagnosis() == null ? "unlabelled" : s.diagnosis().code()));
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (MetricsScored m : scores) {
            MetricsScored.Verdict v = m.verdict();
            String status = v == null ? "no verdict" : switch (v.status()) {
                case credible -> "credible";
                case notCredible -> "not credible";
                case notConfigured -> "not configured";
            };
            counts.merge(status, 1, Integer::sum);
            String why = v == null ? "" : String.join("; ", v.failed().stream().map(f -> f.code() + " (" + f.detail() + ")").toList());
            if (v != null && v.notJudged() != null) {
                why = why.isEmpty() ? v.notJudged() : why + "; " + v.notJudged();
            }
            out.printf("    %s %-10s %s%s%n", m.caseId(), dx.getOrDefault(m.caseId(), "?"), status, why.isEmpty() ? "" : ": " + why);
        }
        out.printf("  verdicts                 %s%n", counts.isEmpty() ? "-" : counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")));
    }

    void print(PrintStream out, double seconds, List<CheckpointPublished> models) {
        models.forEach(m -> out.printf("  model (%s)%s %s, kimg %s%n", m.kind(), " ".repeat(Math.max(1, 14 - m.kind().name().length())),
                m.checkpointId(), m.kimg()));
        double meanL2 = inverted.stream().mapToDouble(LatentsInverted::reconstructionL2).average().orElse(Double.NaN);
        out.printf(Locale.ROOT, "  latents inverted         %d (mean reconstruction L2 %.4f: MSE on RGB in [-1, 1])%n",
                inverted.size(), meanL2);
        out.printf("  directions computed      %d %s%n", directions.size(), new TreeSet<>(directions.stream()
                .map(d -> d.method() + ":" + d.layers() + (d.ranking() != null ? " (ranked)" : "")).toList()));
        out.printf(Locale.ROOT, "  progressions rendered    %d (directions used %s, alphas %s), %.1f s from import to last score%n",
                simulations.size(), new TreeSet<>(simulations.stream().map(SimulationRendered::direction).toList()),
                simulations.isEmpty() ? "-" : simulations.get(0).alphas(), seconds);
        long monotone = scores.stream().map(MetricsScored::monotone).filter(Objects::nonNull).filter(b -> b).count();
        out.printf("  progressions scored      %d; %d monotone (dermoscopic TDS total rises with alpha, Spearman >= 0.8)%n",
                scores.size(), monotone);
        printVerdicts(out);
        out.println("  progression strips       " + sheet + "  (one row per case; α grows left to right)");
        out.println("  per case (strip, GIF, scores)  " + dir);
    }
}
