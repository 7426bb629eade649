package org.lesionsim.metrics.service;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Function;
import org.lesionsim.scoring.FrameScore;
import org.lesionsim.scoring.ProgressionScores;
import org.lesionsim.scoring.ScorePlot;

/**
 * The figure of a scored progression, as the research draws it: scores against α. Four panels in
 * one image: distances to frame 0 (LPIPS, 1 − MS-SSIM, 1 − SSIM, pixel L2), the ABCD rule
 * (A, B, C, D and the total dermoscopy score), the independent judge's P(mel), and the skin's colour
 * shift to frame 0 (ΔE*ab) against the verdict's bound. The top panel's title is the verdict
 * ({@link org.lesionsim.scoring.ProgressionVerdict#headline()}). A score not measured is a
 * gap in its line, and an unconfigured LPIPS or judge says so in the legend.
 */
final class ProgressionPlot {
    static final int WIDTH = 800;
    static final int PANEL_HEIGHT = 460;

    private ProgressionPlot() {
    }

    static BufferedImage render(ProgressionScores scores) {
        List<FrameScore> fs = scores.frames();
        double[] alpha = fs.stream().mapToDouble(FrameScore::alpha).toArray();
        String lpips = scores.summary().lpipsNotMeasured() == null ? "LPIPS" : "LPIPS (not configured)";
        BufferedImage distances = ScorePlot.render("Verdict: " + scores.verdict().headline() + " | distance to frame 0",
                "alpha", "distance", alpha, List.of(
                series(lpips, fs, FrameScore::lpips),
                series("1 - MS-SSIM", fs, f -> 1 - f.msSsim()),
                series("1 - SSIM", fs, f -> 1 - f.ssim()),
                series("pixel L2 [-1,1]", fs, FrameScore::pixelL2)), WIDTH, PANEL_HEIGHT);
        BufferedImage abcd = ScorePlot.render("ABCD rule along the edit", "alpha", "score", alpha, List.of(
                series("A (0-2)", fs, FrameScore::asymmetry), series("B (0-8)", fs, FrameScore::border),
                series("C (0-6)", fs, FrameScore::colours), series("D (1-5)", fs, FrameScore::diameter),
                series("TDS", fs, FrameScore::tds)), WIDTH, PANEL_HEIGHT);
        String judge = scores.summary().judgeNotMeasured() == null ? "P(mel)" : "P(mel) (not configured)";
        BufferedImage melanoma = ScorePlot.render("Independent judge along the edit", "alpha", "P(melanoma)", alpha,
                List.of(series(judge, fs, FrameScore::pMel)), WIDTH, PANEL_HEIGHT);
        double bound = scores.verdict().bounds().skinDeltaE();
        BufferedImage skin = ScorePlot.render("Skin colour shift along the edit", "alpha", "dE*ab to frame 0", alpha, List.of(
                series("skin dE*ab", fs, FrameScore::skinDeltaE),
                new ScorePlot.Series("bound " + bound, fs.stream().mapToDouble(f -> bound).toArray())), WIDTH, PANEL_HEIGHT);
        BufferedImage figure = new BufferedImage(WIDTH, 4 * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        try {
            g.drawImage(distances, 0, 0, null);
            g.drawImage(abcd, 0, PANEL_HEIGHT, null);
            g.drawImage(melanoma, 0, 2 * PANEL_HEIGHT, null);
            g.drawImage(skin, 0, 3 * PANEL_HEIGHT, null);
        } finally {
            g.dispose();
        }
        return figure;
    }

    private static ScorePlot.Series series(String name, List<FrameScore> frames, Function<FrameScore, Number> score) {
        return new ScorePlot.Series(name, frames.stream().mapToDouble(f -> {
            Number v = score.apply(f);
            return v == null ? Double.NaN : v.doubleValue();
        }).toArray());
    }
}
