package org.lesionsim.gan.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** ADA's p rises while D is overconfident on reals, falls otherwise, at batch * interval / (kimg * 1000) per step. */
class AdaptiveStrengthTest {

    @Test
    void strengthFollowsTheSignOfTheOverfittingHeuristic() {
        AugmentPipe pipe = new AugmentPipe(AugmentConfig.blitAndColor(), 0);
        AdaptiveStrength ada = AdaptiveStrength.reference(pipe);
        float[] confident = {1, 2, 3, 0.5f, 1, 1, 1, -1}; // mean sign 0.75 > 0.6
        for (int i = 0; i < 3; i++) {
            assertThat(ada.observeRealLogits(confident)).isNaN();
            assertThat(pipe.p()).isZero();
        }
        assertThat(ada.observeRealLogits(confident)).isCloseTo(0.75, within(1e-12));
        assertThat(pipe.p()).isCloseTo(8.0 * 4 / 500_000, within(1e-15));

        float[] unsure = {1, -1, 1, -1, 1, -1, 1, -1}; // mean sign 0 < 0.6
        for (int i = 0; i < 8; i++) {
            ada.observeRealLogits(unsure);
        }
        assertThat(pipe.p()).isZero(); // clamped at 0
    }
}
