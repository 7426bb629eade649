package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lesionsim.imaging.DermoscopicColour;

/** The scorer's contract: the TDS formula, the diameter score and scale, and no numbers without a lesion. */
class DermoscopicScorerTest {

    @Test
    void totalDermoscopyScoreIsStolzsWeightedSum() {
        AbcdFeatures features = new AbcdFeatures(
                new AbcdFeatures.Asymmetry(2, 0.3, 0.2, 0),
                new AbcdFeatures.Border(5, 1.4, 100, List.of()),
                new AbcdFeatures.Colours(Set.of(DermoscopicColour.BLACK, DermoscopicColour.RED, DermoscopicColour.WHITE), Map.of()),
                new AbcdFeatures.Diameter(120, 110, OptionalDouble.empty(), 30, true, 4));
        assertThat(features.totalDermoscopyScore()).isCloseTo(1.3 * 2 + 0.1 * 5 + 0.5 * 3 + 0.5 * 4, within(1e-12));
    }

    @Test
    void diameterScoreStepsAtTwoFourSixAndEightMillimetres() {
        assertThat(AbcdFeatures.diameterScore(1.9)).isEqualTo(1);
        assertThat(AbcdFeatures.diameterScore(2.0)).isEqualTo(2);
        assertThat(AbcdFeatures.diameterScore(5.9)).isEqualTo(3);
        assertThat(AbcdFeatures.diameterScore(6.0)).isEqualTo(4);
        assertThat(AbcdFeatures.diameterScore(12)).isEqualTo(5);
    }

    @Test
    void aGivenScaleGivesMillimetresAndAMissingOneIsSaidToBeAssumed() {
        var image = DrawnLesions.draw(160, 160, DrawnLesions.disc(80, 80, 40), List.of(DermoscopicColour.DARK_BROWN), false, 1);
        AbcdFeatures scaled = DermoscopicScorer.score(image, Optional.of(20.0)).features().orElseThrow();
        assertThat(scaled.diameter().scaleAssumed()).isFalse();
        assertThat(scaled.diameter().feretMm().orElseThrow()).isCloseTo(scaled.diameter().feretPx() / 20, within(1e-9));
        assertThat(scaled.diameter().feretMm().orElseThrow()).isCloseTo(4.0, within(0.15));
        assertThat(scaled.diameter().score()).isEqualTo(3);

        AbcdFeatures unscaled = DermoscopicScorer.score(image, Optional.empty()).features().orElseThrow();
        assertThat(unscaled.diameter().scaleAssumed()).isTrue();
        assertThat(unscaled.diameter().feretMm()).isEmpty();
        assertThat(unscaled.diameter().pxPerMm()).isCloseTo(160 / AbcdFeatures.ASSUMED_FIELD_MM, within(1e-9));
    }

    @Test
    void noLesionGivesAReasonAndNoFeatures() {
        AbcdResult result = DermoscopicScorer.score(DrawnLesions.skin(64, 64, true, 9), Optional.empty());
        assertThat(result).isInstanceOf(AbcdResult.NoLesion.class);
        assertThat(result.features()).isEmpty();
        assertThat(((AbcdResult.NoLesion) result).reason()).isNotBlank();
    }

    @Test
    void rejectsANonsensicalScale() {
        var image = DrawnLesions.skin(64, 64, false, 1);
        assertThatThrownBy(() -> DermoscopicScorer.score(image, Optional.of(0.0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DermoscopicScorer.score(image, Optional.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSmoothlyFadingBorderIsNotAbruptAndASharpOneIs() {
        var disc = DrawnLesions.disc(96, 96, 50);
        var sharp = DrawnLesions.draw(192, 192, disc, List.of(DermoscopicColour.DARK_BROWN), false, 2);
        var faded = new BufferedImage(192, 192, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 192; y++) {
            for (int x = 0; x < 192; x++) {
                // pigment fades linearly over 30 px (60 % of the radius) from the centre's plateau
                double d = Math.hypot(x + 0.5 - 96, y + 0.5 - 96);
                double p = Math.max(0, Math.min(1, (65 - d) / 30));
                int r = (int) Math.round(225 + p * (DermoscopicColour.DARK_BROWN.red() - 225));
                int g = (int) Math.round(185 + p * (DermoscopicColour.DARK_BROWN.green() - 185));
                int b = (int) Math.round(165 + p * (DermoscopicColour.DARK_BROWN.blue() - 165));
                faded.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        assertThat(score(sharp).border().abruptSectors()).isEqualTo(8);
        assertThat(score(faded).border().abruptSectors()).isZero();
    }

    private static AbcdFeatures score(BufferedImage image) {
        AbcdResult result = DermoscopicScorer.score(image, Optional.empty());
        assertThat(result).as("%s", result).isInstanceOf(AbcdResult.Scored.class);
        return result.features().orElseThrow();
    }
}
