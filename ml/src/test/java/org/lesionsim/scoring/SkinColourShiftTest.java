package org.lesionsim.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.metrics.PlanarImage;

/** The skin's colour shift sees a tint of the whole image, and not the lesion changing inside its own outline. */
class SkinColourShiftTest {

    @Test
    void frameZeroHasNoShiftAndAPurpleCastOverTheSkinIsWellBeyondTheBound() {
        PlanarImage frame0 = PlanarImage.fromBufferedImage(LesionRenderer.render(42, 0, 128, 128).image());
        SkinColourShift shift = SkinColourShift.of(frame0);
        assertThat(shift.deltaE(frame0)).isCloseTo(0, within(1e-12));
        assertThat(shift.skin().area()).as("the skin region is most of the field, the lesion left out")
                .isGreaterThan(128 * 128 / 4).isLessThan(128 * 128);

        float[] v = frame0.values().clone();
        int plane = 128 * 128;
        for (int i = 0; i < plane; i++) {
            v[i] = Math.min(1, v[i] + 0.08f);             // more red
            v[plane + i] = Math.max(0, v[plane + i] - 0.08f); // less green
            v[2 * plane + i] = Math.min(1, v[2 * plane + i] + 0.12f); // more blue
        }
        assertThat(shift.deltaE(new PlanarImage(3, 128, 128, v))).isGreaterThan(ProgressionVerdict.SKIN_DELTA_E);
    }

    @Test
    void aLesionDarkeningAlongItsProgressionLeavesTheSkinWithinTheBound() {
        SkinColourShift shift = SkinColourShift.of(PlanarImage.fromBufferedImage(LesionRenderer.render(42, 0, 128, 128).image()));
        double last = shift.deltaE(PlanarImage.fromBufferedImage(LesionRenderer.render(42, 1, 128, 128).image()));
        assertThat(last).isLessThan(ProgressionVerdict.SKIN_DELTA_E);
    }
}
