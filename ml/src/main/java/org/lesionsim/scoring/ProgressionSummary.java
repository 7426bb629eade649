package org.lesionsim.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a progression's scores follow α.
 *
 * @param frames            frames scored
 * @param spearmanWithAlpha per score (column names of {@link ProgressionScorer#SCORES}), Spearman's ρ
 *                          with α over the frames where that score was measured; null when undefined
 *                          (fewer than 2 such frames, or the score or α constant)
 * @param monotoneThreshold the ρ the TDS must reach to call the progression monotone
 * @param monotone          ρ(TDS, α) ≥ threshold and TDS(last frame) &gt; TDS(frame 0). Kept for
 *                          compatibility: {@link ProgressionVerdict} supersedes it (the independent
 *                          judge, realism, the lesion kept and the skin unchanged, not the ABCD rule alone)
 * @param msSsimScales      scales MS-SSIM used (fewer than 5 below 161 px; see MsSsim)
 * @param lpipsNotMeasured  why LPIPS is missing, or null when it was measured
 * @param judgeNotMeasured  why the judge's P(mel) is missing, or null when it was measured
 */
public record ProgressionSummary(int frames, Map<String, Double> spearmanWithAlpha, double monotoneThreshold,
                                 boolean monotone, int msSsimScales, String lpipsNotMeasured,
                                 String judgeNotMeasured) {
    public ProgressionSummary {
        spearmanWithAlpha = Collections.unmodifiableMap(new LinkedHashMap<>(spearmanWithAlpha));
    }
}
