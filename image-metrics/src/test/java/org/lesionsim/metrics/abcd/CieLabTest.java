package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The colour conversion every ΔE threshold rests on matches published sRGB → CIELAB values. */
class CieLabTest {

    @Test
    void referenceColoursConvertToTheirPublishedLab() {
        // sRGB primaries and greys under D65 (values as given by Bruce Lindbloom's calculator)
        assertLab(CieLab.fromSrgb8(255, 255, 255), 100.0, 0.0, 0.0);
        assertLab(CieLab.fromSrgb8(0, 0, 0), 0.0, 0.0, 0.0);
        assertLab(CieLab.fromSrgb8(255, 0, 0), 53.24, 80.09, 67.20);
        assertLab(CieLab.fromSrgb8(0, 0, 255), 32.30, 79.19, -107.86);
        assertLab(CieLab.fromSrgb8(119, 119, 119), 50.03, 0.0, 0.0);
    }

    @Test
    void tabulatedTransferFunctionAgreesWithTheFormula() {
        for (int i = 0; i <= 1000; i++) {
            double v = i / 1000.0;
            double exact = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
            assertThat(CieLab.srgbToLinear(v)).isCloseTo(exact, within(1e-6));
        }
    }

    @Test
    void deltaEIsEuclideanInLab() {
        assertThat(CieLab.deltaE(50, 10, -10, 53, 14, -10)).isCloseTo(5.0, within(1e-12));
    }

    private static void assertLab(double[] lab, double l, double a, double b) {
        assertThat(lab[0]).isCloseTo(l, within(0.05));
        assertThat(lab[1]).isCloseTo(a, within(0.1));
        assertThat(lab[2]).isCloseTo(b, within(0.1));
    }
}
