package org.lesionsim.progression;

import java.util.List;

/**
 * When a walk stops early, decided from what was read off each rendered frame, in frame order:
 * <ol>
 *   <li>a frame outside the real images' range ({@code withinRealRange} false) or in which no lesion is
 *       found ends the walk <b>before</b> that frame: {@code realism-lost} / {@code lesion-lost};</li>
 *   <li>a frame whose P(mel) reaches {@code targetPMel} ends the walk <b>with</b> that frame:
 *       {@code target-reached};</li>
 *   <li>otherwise every frame is kept: {@code completed}.</li>
 * </ol>
 * Frame 0 (the case itself) is always kept and only checked for the target, so a walk never has
 * fewer than one frame. Pure: no model, no image.
 */
public final class WalkStop {
    /** What was read off one frame; {@code pMel} may be NaN when no judge is configured (never reaches a target). */
    public record FrameReading(double pMel, boolean withinRealRange, boolean lesionFound) {
    }

    /** How many frames the walk keeps and why. */
    public record Decision(int framesKept, String reason) {
    }

    public static final String COMPLETED = "completed";
    public static final String TARGET_REACHED = "target-reached";
    public static final String REALISM_LOST = "realism-lost";
    public static final String LESION_LOST = "lesion-lost";

    private WalkStop() {
    }

    /** @param targetPMel stop once P(mel) ≥ this; NaN or > 1 disables the target */
    public static Decision decide(List<FrameReading> frames, double targetPMel) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a walk has at least one frame");
        }
        for (int k = 0; k < frames.size(); k++) {
            FrameReading f = frames.get(k);
            if (k > 0 && !f.withinRealRange()) {
                return new Decision(k, REALISM_LOST);
            }
            if (k > 0 && !f.lesionFound()) {
                return new Decision(k, LESION_LOST);
            }
            if (f.pMel() >= targetPMel) {
                return new Decision(k + 1, TARGET_REACHED);
            }
        }
        return new Decision(frames.size(), COMPLETED);
    }
}
