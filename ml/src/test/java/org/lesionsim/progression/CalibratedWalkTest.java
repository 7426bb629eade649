package org.lesionsim.progression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lesionsim.sefa.LabelledLatent;

class CalibratedWalkTest {

    /** nv ~ N(0, 1) and mel ~ N(3σ, σ²) along a planted axis, σ = 0.5: a case walks to the mel centre + 1 σ. */
    @Test
    void calibrationMovesALatentFromItsClassPositionToTheTargetCentreInTheStatedSigmaUnits() {
        Random random = new Random(4);
        int dim = 16;
        float[] axis = new float[dim];
        axis[3] = 0.6f;
        axis[7] = 0.8f;
        double sigma = 0.5;
        List<LabelledLatent> cases = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            boolean mel = i % 2 == 0;
            float[] x = new float[dim];
            for (int k = 0; k < dim; k++) {
                x[k] = (float) random.nextGaussian();
            }
            double along = AxisStatistics.project(x, axis);
            double wanted = (mel ? 3 * sigma : 0) + sigma * random.nextGaussian();
            for (int k = 0; k < dim; k++) {
                x[k] += (float) ((wanted - along) * axis[k]);
            }
            cases.add(new LabelledLatent(x, mel));
        }
        AxisStatistics stats = AxisStatistics.of(cases, axis);
        assertThat(stats.sigma()).isCloseTo(sigma, within(0.02));
        assertThat(stats.melCentreInSigma()).isCloseTo(3.0, within(0.1));

        float[] nevus = new float[dim]; // a nevus at its own class centre
        for (int k = 0; k < dim; k++) {
            nevus[k] = (float) (stats.nvCentre() * axis[k]);
        }
        WalkSchedule.Plan plan = new WalkSchedule.Calibrated(1.0, 8).plan(AxisStatistics.project(nevus, axis), stats);
        assertThat(plan.startSigma()).isCloseTo(0.0, within(1e-6));
        assertThat(plan.alphas()).hasSize(8).first().isEqualTo(0.0);
        double last = plan.alphas().get(7);
        float[] walked = nevus.clone();
        for (int k = 0; k < dim; k++) {
            walked[k] += (float) (last * axis[k]);
        }
        double endSigma = stats.inSigma(AxisStatistics.project(walked, axis));
        assertThat(endSigma).as("ends at the mel centre + 1 σ").isCloseTo(stats.melCentreInSigma() + 1.0, within(1e-4));
        assertThat(plan.targetSigma()).isCloseTo(endSigma, within(1e-4));
        for (int k = 1; k < 8; k++) {
            assertThat(plan.alphas().get(k) - plan.alphas().get(k - 1)).as("equal steps").isCloseTo(last / 7, within(1e-9));
        }

        WalkSchedule.Plan beyond = new WalkSchedule.Calibrated(1.0, 4).plan(stats.melCentre() + 3 * stats.sigma(), stats);
        assertThat(beyond.targetSigma() - beyond.startSigma()).as("a case past the target still walks 1 σ on").isCloseTo(1.0, within(1e-9));
    }

    @Test
    void schedulesAreData() {
        assertThat(WalkSchedule.parse("fixed:0,2,4")).isEqualTo(new WalkSchedule.Fixed(List.of(0.0, 2.0, 4.0)));
        assertThat(WalkSchedule.parse("calibrated:0.5:6")).isEqualTo(new WalkSchedule.Calibrated(0.5, 6));
        assertThat(WalkSchedule.parse("calibrated").kind()).isEqualTo("calibrated");
    }

    @Test
    void theStopRuleKeepsFramesUpToTheTargetAndDropsTheFirstUnrealOrLesionlessFrame() {
        WalkStop.FrameReading ok = new WalkStop.FrameReading(0.2, true, true);
        assertThat(WalkStop.decide(List.of(ok, ok, ok), 0.8)).isEqualTo(new WalkStop.Decision(3, WalkStop.COMPLETED));
        assertThat(WalkStop.decide(List.of(ok, new WalkStop.FrameReading(0.85, true, true), ok), 0.8))
                .isEqualTo(new WalkStop.Decision(2, WalkStop.TARGET_REACHED));
        assertThat(WalkStop.decide(List.of(ok, ok, new WalkStop.FrameReading(0.9, false, true)), 0.8))
                .isEqualTo(new WalkStop.Decision(2, WalkStop.REALISM_LOST));
        assertThat(WalkStop.decide(List.of(ok, new WalkStop.FrameReading(0.3, true, false)), 0.8))
                .isEqualTo(new WalkStop.Decision(1, WalkStop.LESION_LOST));
        assertThat(WalkStop.decide(List.of(new WalkStop.FrameReading(0.5, false, false), ok), Double.NaN))
                .as("frame 0 is the case itself: always kept; NaN target never reached").isEqualTo(new WalkStop.Decision(2, WalkStop.COMPLETED));
    }
}
