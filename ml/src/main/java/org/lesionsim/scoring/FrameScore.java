package org.lesionsim.scoring;

/**
 * The scores of one progression frame, flat and JSON-friendly. Comparisons are against frame 0 (the
 * unedited image); ABCD parts are of the lesion found in this frame. A null field was not measured:
 * {@code lpips} when LPIPS is not configured (see {@link ProgressionSummary#lpipsNotMeasured()}), the
 * ABCD fields when no lesion was found ({@code noLesionReason} says why).
 *
 * @param frame          position in the sequence, 0 = reference
 * @param alpha          the edit strength α the frame was rendered at
 * @param lpips          LPIPS to frame 0 (official weights only), or null
 * @param pMel           P(melanoma) of this frame by the independent judge
 *                       ({@link org.lesionsim.judge.MelanomaJudge}), or null when it is not configured
 * @param realism        distance of the frame's judge features to real images
 *                       ({@link org.lesionsim.judge.FeatureTypicality}), or null when not measured
 * @param realistic      whether that distance lies within the held-out real images' range, or null
 * @param msSsim         MS-SSIM to frame 0 ({@link ProgressionSummary#msSsimScales()} scales)
 * @param ssim           SSIM to frame 0
 * @param pixelL2        mean squared error to frame 0 on [−1, 1] (e4e's L2)
 * @param asymmetry      A, 0–2 asymmetric axes
 * @param asymmetryIndex mean mirror index of the two axes
 * @param border         B, 0–8 abrupt sectors
 * @param compactness    perimeter²/(4π·area)
 * @param colours        C, 0–6 colours present
 * @param diameter       D, the diameter score 1–5 (assumed scale)
 * @param feretPx        greatest diameter in pixels
 * @param tds            total dermoscopy score 1.3A + 0.1B + 0.5C + 0.5D
 * @param noLesionReason why no lesion was measured, or null
 * @param skinDeltaE     ΔE*ab of the skin's colour to frame 0's ({@link SkinColourShift}); always measured
 */
public record FrameScore(int frame, double alpha, Double lpips, Double pMel, Double realism,
                         Boolean realistic, double msSsim, double ssim, double pixelL2,
                         Integer asymmetry, Double asymmetryIndex, Integer border, Double compactness, Integer colours,
                         Integer diameter, Double feretPx, Double tds, String noLesionReason,
                         double skinDeltaE) {

    public boolean lesionFound() {
        return tds != null;
    }
}
