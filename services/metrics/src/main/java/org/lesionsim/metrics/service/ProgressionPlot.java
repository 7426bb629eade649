package org.lesionsim.metrics.service;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Function;
import org.lesionsim.metrics.progression.FrameScore;
import org.lesionsim.metrics.progression.ProgressionScores;
import org.lesionsim.metrics.report.ScorePlot;

/**
 * The figure of a scored progression, as the research draws it: scores against α. Two panels in
 * one image: distances to frame 0 (LPIPS, 1 − MS-SSIM, 1 − SSIM, pixel L2) above, the ABCD rule
 * (A, B, C, D and the total dermoscopy score) below. A score not measured is a gap in its line,
 * and an unconfigured LPIPS says so in the legend.
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
        BufferedImage distances = ScorePlot.render("Distance to frame 0 along the edit", "alpha", "distance", alpha, List.of(
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
        BufferedImage figure = new BufferedImage(WIDTH, 3 * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        try {
            g.drawImage(distances, 0, 0, null);
            g.drawImage(abcd, 0, PANEL_HEIGHT, null);
            g.drawImage(melanoma, 0, 2 * PANEL_HEIGHT, null);
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
