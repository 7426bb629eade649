package org.lesionsim.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.metrics.MsSsim;
import org.lesionsim.metrics.PixelL2;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.abcd.AbcdFeatures;
import org.lesionsim.metrics.abcd.AbcdResult;
import org.lesionsim.metrics.abcd.Correlation;
import org.lesionsim.metrics.abcd.DermoscopicScorer;
import org.lesionsim.metrics.lpips.LpipsConfiguration;
import org.lesionsim.metrics.lpips.LpipsScorer;
import org.lesionsim.metrics.lpips.PerceptualScore;

/**
 * Scores a rendered progression the way the research reads it ("LPIPS to the start frame grows
 * with α"). In: frames (RGB {@link PlanarImage}s in [0, 1], one size, frame 0 the unedited image) and
 * the α each was rendered at. Per frame: LPIPS, MS-SSIM, SSIM and pixel L2 against frame 0, the
 * independent judge's P(mel) ({@link MelanomaJudge}, when configured), and the ABCD features of
 * {@link DermoscopicScorer}. Summary: Spearman's ρ of every score with α (ties get
 * average ranks) and whether the progression is <b>monotone</b>: ρ(TDS, α) ≥
 * {@value #MONOTONE_SPEARMAN} and the last frame's TDS above frame 0's. The threshold asks that the
 * TDS rise with α in rank order nearly throughout (0.8 allows one or two adjacent swaps among ten
 * frames), the second condition that it ends higher than it started. {@code monotone} is kept for
 * compatibility; the {@link ProgressionVerdict} (judge P(mel) rising, frames realistic, lesion kept,
 * skin colour unchanged) supersedes it. Per frame also the skin's colour shift to frame 0
 * ({@link SkinColourShift}). Out: {@link ProgressionScores} with the verdict.
 */
public final class ProgressionScorer {
    /** ρ(TDS, α) from which a progression counts as monotone. */
    public static final double MONOTONE_SPEARMAN = 0.8;

    /** Every score the summary correlates with α, by column name. */
    public static final Map<String, Function<FrameScore, Number>> SCORES = scores();

    private final LpipsScorer lpips;
    private final MelanomaJudge judge;

    /**
     * @param lpips LPIPS as configured; a not-configured scorer leaves LPIPS null with its reason
     * @param judge the independent judge as configured; not configured leaves P(mel) null with its reason
     */
    public ProgressionScorer(LpipsScorer lpips, MelanomaJudge judge) {
        this.lpips = lpips;
        this.judge = judge;
    }

    /** Without the judge: P(mel) stays null, and the summary says it was not requested. */
    public ProgressionScorer(LpipsScorer lpips) {
        this(lpips, MelanomaJudge.notConfigured("the judge was not requested for this progression"));
    }

    /** Without LPIPS: its fields stay null, and the summary says it was not requested. */
    public static ProgressionScorer withoutLpips() {
        return withoutLpips(MelanomaJudge.notConfigured("the judge was not requested for this progression"));
    }

    /** Without LPIPS, with {@code judge}: what a walk's credibility needs (P(mel), realism, lesion, skin). */
    public static ProgressionScorer withoutLpips(MelanomaJudge judge) {
        try {
            return new ProgressionScorer(LpipsScorer.open(new LpipsConfiguration.NotConfigured(
                    "LPIPS was not requested for this progression"), null), judge);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: a not-configured scorer reads no file
        }
    }

    public ProgressionScores score(List<PlanarImage> frames, List<Double> alphas) {
        return score(frames, alphas, f -> { });
    }

    /** As {@link #score(List, List)}, handing each frame's scores to {@code onFrame} as soon as they are known. */
    public ProgressionScores score(List<PlanarImage> frames, List<Double> alphas, Consumer<FrameScore> onFrame) {
        if (frames.isEmpty() || frames.size() != alphas.size()) {
            throw new IllegalArgumentException("need one α per frame and at least one frame, got " + frames.size()
                    + " frames and " + alphas.size() + " α values");
        }
        PlanarImage reference = frames.get(0);
        MsSsim msSsim = MsSsim.forSmallerSide(Math.min(reference.height(), reference.width()));
        // Frame 0's pyramid and window statistics once per progression, not once per frame; its first scale is
        // the standard SSIM (forSmallerSide keeps the standard window and constants), so SSIM comes with MS-SSIM.
        MsSsim.Reference structural = msSsim.reference(reference);
        SkinColourShift skin = SkinColourShift.of(reference);
        List<FrameScore> scored = new ArrayList<>();
        String lpipsNotMeasured = null;
        for (int i = 0; i < frames.size(); i++) {
            PlanarImage frame = frames.get(i);
            PerceptualScore perceptual = lpips.score(reference, frame);
            Double lpipsValue = null;
            if (perceptual instanceof PerceptualScore.Measured m) {
                lpipsValue = m.value();
            } else {
                lpipsNotMeasured = ((PerceptualScore.NotConfigured) perceptual).reason();
            }
            AbcdResult abcd = DermoscopicScorer.score(frame, Optional.empty());
            MelanomaJudge.Reading reading = judge.read(frame);
            MsSsim.Score similarity = structural.compare(frame);
            FrameScore score = frameScore(i, alphas.get(i), lpipsValue, reading, similarity.msSsim(),
                    similarity.ssim(), PixelL2.meanSquaredError(reference, frame), abcd, skin.deltaE(frame));
            scored.add(score);
            onFrame.accept(score);
        }
        return new ProgressionScores(scored, summarise(scored, msSsim.scales(), lpipsNotMeasured,
                judge.notConfiguredReason()), ProgressionVerdict.of(scored, judge.notConfiguredReason()));
    }

    /** The summary of already scored frames (frame 0 first). */
    static ProgressionSummary summarise(List<FrameScore> frames, int msSsimScales, String lpipsNotMeasured,
                                        String judgeNotMeasured) {
        Map<String, Double> rho = new LinkedHashMap<>();
        for (Map.Entry<String, Function<FrameScore, Number>> score : SCORES.entrySet()) {
            rho.put(score.getKey(), spearmanWithAlpha(frames, score.getValue()));
        }
        Double tdsRho = rho.get("tds");
        Double first = frames.get(0).tds();
        Double last = frames.get(frames.size() - 1).tds();
        boolean monotone = tdsRho != null && tdsRho >= MONOTONE_SPEARMAN && first != null && last != null && last > first;
        return new ProgressionSummary(frames.size(), rho, MONOTONE_SPEARMAN, monotone, msSsimScales, lpipsNotMeasured,
                judgeNotMeasured);
    }

    /** ρ over the frames where the score was measured; null when undefined. */
    static Double spearmanWithAlpha(List<FrameScore> frames, Function<FrameScore, Number> score) {
        List<double[]> pairs = new ArrayList<>();
        for (FrameScore f : frames) {
            Number value = score.apply(f);
            if (value != null) {
                pairs.add(new double[] {f.alpha(), value.doubleValue()});
            }
        }
        if (pairs.size() < 2) {
            return null;
        }
        double rho = Correlation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
        return Double.isNaN(rho) ? null : rho;
    }

    private static FrameScore frameScore(int index, double alpha, Double lpips, MelanomaJudge.Reading judged,
                                         double msSsim, double ssim, double l2, AbcdResult abcd,
                                         double skinDeltaE) {
        Double pMel = judged == null ? null : judged.pMel();
        Double realism = judged == null || Double.isNaN(judged.featureDistance()) ? null : judged.featureDistance();
        Boolean realistic = realism == null ? null : judged.withinRealRange();
        if (abcd instanceof AbcdResult.Scored scored) {
            AbcdFeatures f = scored.abcd();
            return new FrameScore(index, alpha, lpips, pMel, realism, realistic, msSsim, ssim, l2, f.asymmetry().score(), f.asymmetry().meanIndex(),
                    f.border().abruptSectors(), f.border().compactness(), f.colours().count(), f.diameter().score(),
                    f.diameter().feretPx(), f.totalDermoscopyScore(), null, skinDeltaE);
        }
        return new FrameScore(index, alpha, lpips, pMel, realism, realistic, msSsim, ssim, l2, null, null, null, null, null, null, null, null,
                ((AbcdResult.NoLesion) abcd).reason(), skinDeltaE);
    }

    private static Map<String, Function<FrameScore, Number>> scores() {
        Map<String, Function<FrameScore, Number>> s = new LinkedHashMap<>();
        s.put("lpips", FrameScore::lpips);
        s.put("ms_ssim", FrameScore::msSsim);
        s.put("ssim", FrameScore::ssim);
        s.put("pixel_l2", FrameScore::pixelL2);
        s.put("A", FrameScore::asymmetry);
        s.put("asymmetry_index", FrameScore::asymmetryIndex);
        s.put("B", FrameScore::border);
        s.put("compactness", FrameScore::compactness);
        s.put("C", FrameScore::colours);
        s.put("D", FrameScore::diameter);
        s.put("feret_px", FrameScore::feretPx);
        s.put("tds", FrameScore::tds);
        s.put("p_mel", FrameScore::pMel);
        s.put("realism_distance", FrameScore::realism);
        s.put("skin_delta_e", FrameScore::skinDeltaE);
        return Collections.unmodifiableMap(s);
    }
}
