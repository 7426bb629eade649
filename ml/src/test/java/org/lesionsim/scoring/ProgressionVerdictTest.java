package org.lesionsim.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lesionsim.scoring.ProgressionVerdict.Code;
import org.lesionsim.scoring.ProgressionVerdict.Failure;
import org.lesionsim.scoring.ProgressionVerdict.Status;

/** The verdict is credible only when all four conditions hold, and names every one that fails. */
class ProgressionVerdictTest {

    /** Five frames at α 0..4: P(mel) rising, realistic, lesion found, skin unchanged, unless a test breaks one. */
    static List<FrameScore> credible() {
        List<FrameScore> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(frame(i, 0.1 + 0.2 * i, true, 3.0 + i, 0.5 * i));
        }
        return frames;
    }

    static FrameScore frame(int i, Double pMel, Boolean realistic, Double tds, double skinDeltaE) {
        return new FrameScore(i, i, null, pMel, realistic == null ? null : 5.0, realistic, 1, 1, 0, null, null, null, null, null,
                null, null, tds, tds == null ? "no region differs from skin" : null, skinDeltaE);
    }

    static List<FrameScore> with(List<FrameScore> frames, int i, FrameScore replacement) {
        List<FrameScore> out = new ArrayList<>(frames);
        out.set(i, replacement);
        return out;
    }

    static List<Code> codes(ProgressionVerdict v) {
        return v.failed().stream().map(Failure::code).toList();
    }

    @Test
    void allFourConditionsHeldIsCredibleWithNoFailureAndTheDefaultBounds() {
        ProgressionVerdict v = ProgressionVerdict.of(credible(), null);
        assertThat(v.status()).isEqualTo(Status.CREDIBLE);
        assertThat(v.failed()).isEmpty();
        assertThat(v.notJudged()).isNull();
        assertThat(v.bounds()).isEqualTo(new ProgressionVerdict.Bounds(0.9, 6.0, 0.1));
        assertThat(v.headline()).isEqualTo("credible");
    }

    @Test
    void aPMelThatDoesNotRiseWithAlphaIsNamedWithItsRho() {
        List<FrameScore> frames = with(credible(), 4, frame(4, 0.4, true, 7.0, 2.0)); // falls back at the end: ρ = 0.7
        ProgressionVerdict v = ProgressionVerdict.of(frames, null);
        assertThat(v.status()).isEqualTo(Status.NOT_CREDIBLE);
        assertThat(codes(v)).containsExactly(Code.P_MEL_NOT_RISING);
        assertThat(v.failed().get(0).value()).isCloseTo(0.7, within(1e-12));

        List<FrameScore> flat = credible().stream().map(f -> frame(f.frame(), 0.5, true, f.tds(), f.skinDeltaE())).toList();
        Failure undefined = ProgressionVerdict.of(flat, null).failed().get(0);
        assertThat(undefined.code()).isEqualTo(Code.P_MEL_NOT_RISING);
        assertThat(undefined.value()).as("a constant P(mel) has no ρ: it does not rise").isNull();
    }

    /** A walk that raises P(mel) in perfect rank order but hardly at all (as 0.814 -> 0.825) is no progression. */
    @Test
    void aPMelThatRisesInOrderButTooLittleIsNamedWithItsRise() {
        List<FrameScore> tiny = credible().stream()
                .map(f -> frame(f.frame(), 0.814 + 0.003 * f.frame(), true, f.tds(), f.skinDeltaE())).toList();
        ProgressionVerdict v = ProgressionVerdict.of(tiny, null);
        assertThat(v.status()).isEqualTo(Status.NOT_CREDIBLE);
        assertThat(codes(v)).containsExactly(Code.P_MEL_RISE_TOO_SMALL);
        assertThat(v.failed().get(0).value()).isCloseTo(0.012, within(1e-9));
        assertThat(ProgressionVerdict.of(tiny, null, new ProgressionVerdict.Bounds(0.9, 6.0, 0.01)).status())
                .as("a stated bound is the one used").isEqualTo(Status.CREDIBLE);
    }

    @Test
    void framesOutsideTheRealRangeAreNamedByIndex() {
        List<FrameScore> frames = with(with(credible(), 2, frame(2, 0.5, false, 5.0, 1.0)), 4, frame(4, 0.9, false, 7.0, 2.0));
        ProgressionVerdict v = ProgressionVerdict.of(frames, null);
        assertThat(v.status()).isEqualTo(Status.NOT_CREDIBLE);
        assertThat(codes(v)).containsExactly(Code.OUTSIDE_REAL_RANGE);
        assertThat(v.failed().get(0).frames()).containsExactly(2, 4);
    }

    @Test
    void framesWhereTheLesionWasLostAreNamedByIndex() {
        ProgressionVerdict v = ProgressionVerdict.of(with(credible(), 3, frame(3, 0.7, true, null, 1.5)), null);
        assertThat(v.status()).isEqualTo(Status.NOT_CREDIBLE);
        assertThat(codes(v)).containsExactly(Code.LESION_LOST);
        assertThat(v.failed().get(0).frames()).containsExactly(3);
    }

    @Test
    void aSkinColourShiftBeyondTheBoundIsNamedWithItsDeltaE() {
        ProgressionVerdict v = ProgressionVerdict.of(with(credible(), 4, frame(4, 0.9, true, 7.0, 6.5)), null);
        assertThat(v.status()).isEqualTo(Status.NOT_CREDIBLE);
        assertThat(codes(v)).containsExactly(Code.SKIN_SHIFT);
        assertThat(v.failed().get(0).value()).isEqualTo(6.5);
        assertThat(ProgressionVerdict.of(with(credible(), 4, frame(4, 0.9, true, 7.0, 6.0)), null).status())
                .as("the bound itself is still unchanged skin").isEqualTo(Status.CREDIBLE);
        assertThat(ProgressionVerdict.of(with(credible(), 4, frame(4, 0.9, true, 7.0, 6.5)), null,
                new ProgressionVerdict.Bounds(0.9, 8.0, 0.1)).status()).as("a stated bound is the one used").isEqualTo(Status.CREDIBLE);
    }

    @Test
    void everyFailedConditionIsNamedAtOnceInTheOrderOfTheConditions() {
        List<FrameScore> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(frame(i, 0.9 - 0.2 * i, i != 1, i == 2 ? null : 3.0, 2.5 * i));
        }
        ProgressionVerdict v = ProgressionVerdict.of(frames, null);
        assertThat(v.status()).isEqualTo(Status.NOT_CREDIBLE);
        assertThat(codes(v)).containsExactly(Code.P_MEL_NOT_RISING, Code.P_MEL_RISE_TOO_SMALL, Code.OUTSIDE_REAL_RANGE,
                Code.LESION_LOST, Code.SKIN_SHIFT);
        assertThat(v.headline()).isEqualTo(
                "not credible: P_MEL_NOT_RISING, P_MEL_RISE_TOO_SMALL, OUTSIDE_REAL_RANGE, LESION_LOST, SKIN_SHIFT");
    }

    @Test
    void withoutTheJudgeTheVerdictIsNotConfiguredNeverCredibleAndStillNamesLesionAndSkinFailures() {
        List<FrameScore> unjudged = credible().stream().map(f -> frame(f.frame(), null, null, f.tds(), f.skinDeltaE())).toList();
        ProgressionVerdict v = ProgressionVerdict.of(unjudged, "judge P(mel) is not configured: no weights file given");
        assertThat(v.status()).isEqualTo(Status.NOT_CONFIGURED);
        assertThat(v.notJudged()).contains("not configured");
        assertThat(v.failed()).isEmpty();

        ProgressionVerdict lost = ProgressionVerdict.of(with(unjudged, 2, frame(2, null, null, null, 9.0)), "no judge");
        assertThat(lost.status()).isEqualTo(Status.NOT_CONFIGURED);
        assertThat(codes(lost)).containsExactly(Code.LESION_LOST).doesNotContain(Code.P_MEL_NOT_RISING, Code.OUTSIDE_REAL_RANGE);
    }

    @Test
    void aJudgeWithoutARealRangeCannotJudgeRealismSoTheVerdictIsNotConfigured() {
        List<FrameScore> noRange = credible().stream().map(f -> frame(f.frame(), f.pMel(), null, f.tds(), f.skinDeltaE())).toList();
        ProgressionVerdict v = ProgressionVerdict.of(noRange, null);
        assertThat(v.status()).isEqualTo(Status.NOT_CONFIGURED);
        assertThat(v.notJudged()).contains("realism.json");
    }
}
