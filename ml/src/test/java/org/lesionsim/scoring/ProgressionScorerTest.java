package org.lesionsim.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.metrics.PlanarImage;

/** Spearman's ρ as the summary uses it, and the scorer on synthetic progressions. */
class ProgressionScorerTest {
    private static final int SIDE = 128;

    @Test
    void spearmanIsPlusOneForAnIncreasingScoreAndMinusOneForADecreasingOne() {
        assertThat(rho(new double[] {0, 1, 2, 3, 4}, new double[] {10, 20, 35, 36, 90})).isCloseTo(1.0, within(1e-12));
        assertThat(rho(new double[] {0, 1, 2, 3, 4}, new double[] {5, 4, 3, 2, -7})).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void spearmanOfKnownOrdersAndTies() {
        // one swap of neighbours among five: 1 − 6·Σd²/(n(n²−1)) = 1 − 6·4/120 = 0.8
        assertThat(rho(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5})).isCloseTo(0.8, within(1e-12));
        // a tie shares ranks 2 and 3 (2.5 each): ρ = 9.5 / √(10 · 9.5) = √0.95
        assertThat(rho(new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, 2, 3, 4})).isCloseTo(Math.sqrt(0.95), within(1e-12));
        // a constant score has no rank order: undefined, not 0
        assertThat(rho(new double[] {1, 2, 3}, new double[] {7, 7, 7})).isNull();
    }

    @Test
    void framesWithoutTheScoreAreLeftOutOfItsCorrelation() {
        List<FrameScore> frames = List.of(frame(0, 1.0), frame(1, null), frame(2, 3.0), frame(3, 2.0));
        // over α 0, 2, 3 with TDS 1, 3, 2: ranks (1,2,3) vs (1,3,2): ρ = 0.5
        assertThat(ProgressionScorer.spearmanWithAlpha(frames, FrameScore::tds)).isCloseTo(0.5, within(1e-12));
        assertThat(ProgressionScorer.spearmanWithAlpha(List.of(frame(0, 1.0), frame(1, null)), FrameScore::tds)).isNull();
    }

    @Test
    void aSyntheticLesionGrowingTowardsMelanomaScoresAsAMonotoneProgression() {
        List<PlanarImage> frames = new ArrayList<>();
        List<Double> alphas = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            double t = i / 8.0;
            frames.add(PlanarImage.fromBufferedImage(LesionRenderer.render(42, t, SIDE, SIDE).image()));
            alphas.add(3.0 * t);
        }
        ProgressionScores scores = ProgressionScorer.withoutLpips().score(frames, alphas);

        FrameScore first = scores.frames().get(0);
        FrameScore last = scores.frames().get(8);
        assertThat(first.pixelL2()).isZero();
        assertThat(first.msSsim()).isCloseTo(1.0, within(1e-9));
        assertThat(first.ssim()).isCloseTo(1.0, within(1e-9));
        assertThat(last.tds()).isGreaterThan(first.tds());
        assertThat(scores.summary().spearmanWithAlpha().get("tds")).isGreaterThanOrEqualTo(ProgressionScorer.MONOTONE_SPEARMAN);
        assertThat(scores.summary().monotone()).isTrue();
        // the frames drift away from frame 0 as α grows
        assertThat(scores.summary().spearmanWithAlpha().get("pixel_l2")).isGreaterThan(0.8);
        assertThat(scores.summary().spearmanWithAlpha().get("ms_ssim")).isLessThan(-0.8);
        // LPIPS was not configured: no number, and the reason is given once
        assertThat(scores.frames()).allSatisfy(f -> assertThat(f.lpips()).isNull());
        assertThat(scores.summary().lpipsNotMeasured()).contains("not requested");
        assertThat(scores.summary().spearmanWithAlpha().get("lpips")).isNull();
    }

    @Test
    void theSameFrameRepeatedIsNotAProgression() {
        PlanarImage frame = PlanarImage.fromBufferedImage(LesionRenderer.render(42, 0.5, SIDE, SIDE).image());
        List<Double> alphas = List.of(0.0, 0.5, 1.0, 1.5, 2.0);
        ProgressionScores scores = ProgressionScorer.withoutLpips().score(Collections.nCopies(5, frame), alphas);
        assertThat(scores.frames()).allSatisfy(f -> {
            assertThat(f.pixelL2()).isZero();
            assertThat(f.tds()).isEqualTo(scores.frames().get(0).tds());
        });
        assertThat(scores.summary().spearmanWithAlpha().get("tds")).isNull();
        assertThat(scores.summary().monotone()).isFalse();
    }

    @Test
    void aRisingButShuffledTdsIsNotMonotone() {
        // TDS ends higher than it starts, but the order in between disagrees with α
        List<FrameScore> frames = List.of(frame(0, 2.0), frame(1, 6.0), frame(2, 1.0), frame(3, 5.0), frame(4, 1.5), frame(5, 3.0));
        ProgressionSummary summary = ProgressionScorer.summarise(frames, 4, null, null);
        assertThat(summary.spearmanWithAlpha().get("tds")).isLessThan(ProgressionScorer.MONOTONE_SPEARMAN);
        assertThat(summary.monotone()).isFalse();
    }

    private static Double rho(double[] alphas, double[] values) {
        List<FrameScore> frames = new ArrayList<>();
        for (int i = 0; i < alphas.length; i++) {
            frames.add(new FrameScore(i, alphas[i], null, null, null, null, 1, 1, 0, null, null, null, null, null, null, null, values[i], null, 0));
        }
        return ProgressionScorer.spearmanWithAlpha(frames, FrameScore::tds);
    }

    private static FrameScore frame(double alpha, Double tds) {
        return new FrameScore((int) alpha, alpha, null, null, null, null, 1, 1, 0, null, null, null, null, null, null, null, tds,
                tds == null ? "no lesion" : null, 0);
    }
}
