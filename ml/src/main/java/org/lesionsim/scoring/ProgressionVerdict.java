package org.lesionsim.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One verdict per progression: is this a credible nevus → melanoma walk? In: the scored frames (frame 0
 * first), why the judge is not configured (null when it is) and the {@link Bounds}. <b>Credible</b> when
 * all five hold:
 * <ol>
 *   <li>{@link Code#P_MEL_NOT_RISING}: the independent judge's P(mel) rises with α, Spearman's ρ ≥
 *       {@link Bounds#pMelSpearman()} ({@value #P_MEL_SPEARMAN}: among ten frames, at most about one
 *       swap of neighbours; a ρ that is undefined, P(mel) constant, fails);
 *   <li>{@link Code#P_MEL_RISE_TOO_SMALL}: and it rises by at least {@link Bounds#pMelRise()}
 *       ({@value #P_MEL_RISE}) from frame 0 to the last frame. A rank order alone is met by a walk that
 *       hardly moves (P(mel) 0.814 → 0.825 is ρ = 1); less than one reliability bin of the judge
 *       (its bins are 0.1 wide, its calibration error 0.06) is no change the judge can vouch for;
 *   <li>{@link Code#OUTSIDE_REAL_RANGE}: every frame's judge features lie within the held-out real
 *       images' range ({@link FrameScore#realistic()});
 *   <li>{@link Code#LESION_LOST}: a lesion is found in every frame ({@link FrameScore#lesionFound()});
 *   <li>{@link Code#SKIN_SHIFT}: the skin around the lesion keeps its colour: ΔE*ab of the last frame's
 *       skin to frame 0's ({@link FrameScore#skinDeltaE()}, {@link SkinColourShift}) at most
 *       {@link Bounds#skinDeltaE()}.
 * </ol>
 * The skin bound is {@value #SKIN_DELTA_E} ΔE*ab. About 2.3 is a just noticeable difference, and on skin
 * a difference becomes visible at a glance from about 2–5; a walk may re-light the image a little (that
 * is within 2–5), but beyond 6 the background tone itself has changed (an L* step of 6, or a clear
 * purple or grey cast), which a real lesion's evolution does not do.
 *
 * <p>Otherwise <b>not credible</b>, naming every failed condition with its frames or value. Without the
 * judge (or without its real range) conditions 1 and 2 cannot be judged: the verdict is <b>not
 * configured</b>, never credible; it still lists conditions 3 and 4 when they fail.
 * Pure and deterministic; it supersedes {@link ProgressionSummary#monotone()} (TDS-based), kept for
 * compatibility.
 *
 * @param status      credible, not credible, or not configured
 * @param failed      every condition that failed, in the order above (empty when credible)
 * @param notJudged   why conditions 1–2 were not judged, or null when they were
 * @param bounds      the bounds this verdict was reached with
 */
public record ProgressionVerdict(Status status, List<Failure> failed, String notJudged, Bounds bounds) {
    /** ρ(P(mel), α) from which P(mel) counts as rising. */
    public static final double P_MEL_SPEARMAN = 0.9;
    /** Least rise of P(mel), frame 0 to the last frame. */
    public static final double P_MEL_RISE = 0.1;
    /** ΔE*ab of the skin, frame 0 to the last frame, up to which the skin counts as unchanged. */
    public static final double SKIN_DELTA_E = 6.0;

    public enum Status {
        CREDIBLE, NOT_CREDIBLE, NOT_CONFIGURED
    }

    /** Machine-readable names of the conditions. */
    public enum Code {
        P_MEL_NOT_RISING, P_MEL_RISE_TOO_SMALL, OUTSIDE_REAL_RANGE, LESION_LOST, SKIN_SHIFT
    }

    /**
     * One failed condition.
     *
     * @param code   which
     * @param detail what was seen, for people
     * @param frames the offending frames (OUTSIDE_REAL_RANGE, LESION_LOST), else empty
     * @param value  ρ(P(mel), α) (null when undefined), the rise of P(mel), or the skin ΔE; null for the frame conditions
     */
    public record Failure(Code code, String detail, List<Integer> frames, Double value) {
        public Failure {
            frames = List.copyOf(frames);
        }
    }

    /**
     * @param pMelSpearman least ρ(P(mel), α); @param skinDeltaE largest skin ΔE*ab, frame 0 to the last frame;
     * @param pMelRise least rise of P(mel), frame 0 to the last frame
     */
    public record Bounds(double pMelSpearman, double skinDeltaE, double pMelRise) {
        public static final Bounds DEFAULT = new Bounds(P_MEL_SPEARMAN, SKIN_DELTA_E, P_MEL_RISE);
    }

    public ProgressionVerdict {
        failed = List.copyOf(failed);
    }

    public static ProgressionVerdict of(List<FrameScore> frames, String judgeNotConfigured) {
        return of(frames, judgeNotConfigured, Bounds.DEFAULT);
    }

    public static ProgressionVerdict of(List<FrameScore> frames, String judgeNotConfigured, Bounds bounds) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one frame");
        }
        String notJudged = judgeNotConfigured;
        if (notJudged == null && frames.stream().anyMatch(f -> f.pMel() == null)) {
            notJudged = "the judge gave no P(mel) for some frames";
        }
        if (notJudged == null && frames.stream().anyMatch(f -> f.realistic() == null)) {
            notJudged = "the judge has no real range (no " + org.lesionsim.judge.MelanomaJudge.REALISM
                    + " beside its weights): realism cannot be judged";
        }
        List<Failure> failed = new ArrayList<>();
        if (notJudged == null) {
            Double rho = ProgressionScorer.spearmanWithAlpha(frames, FrameScore::pMel);
            if (rho == null || rho < bounds.pMelSpearman()) {
                failed.add(new Failure(Code.P_MEL_NOT_RISING, rho == null
                        ? "P(mel) has no rank order with alpha (constant, or fewer than 2 frames)"
                        : String.format(Locale.ROOT, "Spearman rho(P(mel), alpha) = %.3f < %.2f", rho, bounds.pMelSpearman()),
                        List.of(), rho));
            }
            double rise = frames.get(frames.size() - 1).pMel() - frames.get(0).pMel();
            if (!(rise >= bounds.pMelRise())) {
                failed.add(new Failure(Code.P_MEL_RISE_TOO_SMALL, String.format(Locale.ROOT,
                        "P(mel) rose by %.3f from frame 0 to the last frame (at least %.2f needed)", rise, bounds.pMelRise()),
                        List.of(), rise));
            }
            List<Integer> unreal = frames.stream().filter(f -> !f.realistic()).map(FrameScore::frame).toList();
            if (!unreal.isEmpty()) {
                failed.add(new Failure(Code.OUTSIDE_REAL_RANGE, "frames " + unreal + " lie outside the real images' range",
                        unreal, null));
            }
        }
        List<Integer> lost = frames.stream().filter(f -> !f.lesionFound()).map(FrameScore::frame).toList();
        if (!lost.isEmpty()) {
            failed.add(new Failure(Code.LESION_LOST, "no lesion found in frames " + lost, lost, null));
        }
        double skin = frames.get(frames.size() - 1).skinDeltaE();
        if (!(skin <= bounds.skinDeltaE())) {
            failed.add(new Failure(Code.SKIN_SHIFT, String.format(Locale.ROOT,
                    "skin colour moved by dE*ab %.2f from frame 0 to the last frame (bound %.1f)", skin, bounds.skinDeltaE()),
                    List.of(), skin));
        }
        Status status = notJudged != null ? Status.NOT_CONFIGURED : failed.isEmpty() ? Status.CREDIBLE : Status.NOT_CREDIBLE;
        return new ProgressionVerdict(status, failed, notJudged, bounds);
    }

    /** {@code credible}, {@code not credible: P_MEL_NOT_RISING, SKIN_SHIFT}, {@code not configured}: one line for titles and logs. */
    public String headline() {
        String s = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return failed.isEmpty() ? s : s + ": " + String.join(", ", failed.stream().map(f -> f.code().name()).toList());
    }
}
