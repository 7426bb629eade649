package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lesionsim.imaging.DermoscopicColour;
import org.lesionsim.data.synthetic.LesionGroundTruth;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.data.synthetic.SyntheticLesion;

/**
 * ABCD features measured from pixels agree with what was drawn: the synthetic generator's recorded
 * ground truth, and hand-drawn lesions whose colours and shape are exact.
 */
class AbcdGroundTruthAgreementTest {
    private static final int SIZE = 128;
    private static final int LESIONS = 16;

    private record Measured(LesionGroundTruth truth, AbcdFeatures features) {
    }

    private static List<Measured> cohort;

    /** LESIONS rendered lesions at 128x128, t evenly over [0, 1], scored once for the tests below. */
    @BeforeAll
    static void scoreRenderedCohort() {
        List<Measured> out = new ArrayList<>();
        for (int i = 0; i < LESIONS; i++) {
            SyntheticLesion lesion = LesionRenderer.render(700 + i, i / (LESIONS - 1.0), SIZE, SIZE);
            AbcdResult result = DermoscopicScorer.score(lesion.image(), Optional.empty());
            assertThat(result).as("lesion %d: %s", i, result).isInstanceOf(AbcdResult.Scored.class);
            out.add(new Measured(lesion.groundTruth(), result.features().orElseThrow()));
        }
        cohort = out;
    }

    @Test
    void asymmetricLesionsMeasureMoreAsymmetricThanSymmetricOnes() {
        double[] truth = cohort.stream().mapToDouble(m -> m.truth().asymmetry()).toArray();
        double[] measured = cohort.stream().mapToDouble(m -> m.features().asymmetry().meanIndex()).toArray();
        assertThat(Correlation.spearman(measured, truth)).isGreaterThan(0.8);
        // the most and the least asymmetric lesion by ground truth, told apart by the measure
        Measured mostSymmetric = cohort.stream().min((a, b) -> Double.compare(a.truth().asymmetry(), b.truth().asymmetry())).orElseThrow();
        Measured mostAsymmetric = cohort.stream().max((a, b) -> Double.compare(a.truth().asymmetry(), b.truth().asymmetry())).orElseThrow();
        assertThat(mostAsymmetric.features().asymmetry().meanIndex()).isGreaterThan(2 * mostSymmetric.features().asymmetry().meanIndex());
        assertThat(mostAsymmetric.features().asymmetry().score()).isGreaterThan(mostSymmetric.features().asymmetry().score());
    }

    @Test
    void drawnEllipseScoresSymmetricAndALopsidedShapeAsymmetric() {
        var ellipse = DrawnLesions.ellipse(80, 80, 40, 24);
        BiPredicate<Integer, Integer> lopsided = (x, y) -> DrawnLesions.disc(72, 80, 28).test(x, y)
                || DrawnLesions.disc(100, 92, 16).test(x, y);
        AbcdFeatures symmetric = score(DrawnLesions.draw(160, 160, ellipse, List.of(DermoscopicColour.DARK_BROWN), true, 1));
        AbcdFeatures asymmetric = score(DrawnLesions.draw(160, 160, lopsided, List.of(DermoscopicColour.DARK_BROWN), true, 1));
        assertThat(symmetric.asymmetry().score()).isZero();
        assertThat(asymmetric.asymmetry().score()).isPositive();
        assertThat(asymmetric.asymmetry().meanIndex()).isGreaterThan(symmetric.asymmetry().meanIndex() + 0.1);
    }

    @Test
    void countsTheColoursTheGeneratorPainted() {
        double[] truth = cohort.stream().mapToDouble(m -> m.truth().colourCount()).toArray();
        double[] measured = cohort.stream().mapToDouble(m -> m.features().colours().count()).toArray();
        assertThat(Correlation.spearman(measured, truth)).isGreaterThan(0.9);
        long exact = cohort.stream().filter(m -> m.features().colours().count() == m.truth().colourCount()).count();
        assertThat(exact).as("lesions whose colour count is exact").isGreaterThanOrEqualTo(LESIONS - 3);
    }

    @Test
    void moreColoursAreCountedWhenMoreAreDrawn() {
        List<List<DermoscopicColour>> inside = List.of(
                List.of(),
                List.of(DermoscopicColour.DARK_BROWN, DermoscopicColour.BLACK),
                List.of(DermoscopicColour.WHITE, DermoscopicColour.RED, DermoscopicColour.DARK_BROWN, DermoscopicColour.BLUE_GREY,
                        DermoscopicColour.BLACK));
        int previous = 0;
        for (List<DermoscopicColour> drawn : inside) {
            AbcdFeatures features = score(DrawnLesions.rimAndWedges(192, 64, DermoscopicColour.LIGHT_BROWN, drawn, drawn.size()));
            EnumSet<DermoscopicColour> expected = EnumSet.of(DermoscopicColour.LIGHT_BROWN);
            expected.addAll(drawn);
            assertThat(features.colours().present()).as("light brown rim around %s", drawn).isEqualTo(Set.copyOf(expected));
            assertThat(features.colours().count()).isGreaterThan(previous);
            previous = features.colours().count();
        }
    }

    @Test
    void greatestDiameterIsWithinAFewPercentOfTheGroundTruth() {
        for (int i = 0; i < 6; i++) {
            SyntheticLesion lesion = LesionRenderer.render(900 + i, i / 5.0, 256, 256);
            AbcdFeatures features = score(lesion);
            double truth = lesion.groundTruth().diameterPx();
            assertThat(Math.abs(features.diameter().feretPx() - truth) / truth).as("lesion %d", i).isLessThan(0.05);
        }
        double[] truth = cohort.stream().mapToDouble(m -> m.truth().diameterPx()).toArray();
        double[] measured = cohort.stream().mapToDouble(m -> m.features().diameter().feretPx()).toArray();
        assertThat(Correlation.pearson(measured, truth)).isGreaterThan(0.98);
    }

    @Test
    void totalScoreRisesWithProgression() {
        double[] t = cohort.stream().mapToDouble(m -> m.truth().progressionT()).toArray();
        double[] tds = cohort.stream().mapToDouble(m -> m.features().totalDermoscopyScore()).toArray();
        assertThat(Correlation.spearman(tds, t)).isGreaterThan(0.8);
    }

    @Test
    void smallGeneratedFramesAreScoredToo() {
        double[] t = new double[8];
        double[] tds = new double[8];
        for (int i = 0; i < 8; i++) {
            t[i] = i / 7.0;
            tds[i] = score(LesionRenderer.render(40 + i, t[i], 64, 64)).totalDermoscopyScore();
        }
        assertThat(Correlation.spearman(tds, t)).isGreaterThan(0.7);
    }

    private static AbcdFeatures score(SyntheticLesion lesion) {
        return score(lesion.image());
    }

    private static AbcdFeatures score(BufferedImage image) {
        AbcdResult result = DermoscopicScorer.score(image, Optional.empty());
        assertThat(result).as("%s", result).isInstanceOf(AbcdResult.Scored.class);
        return result.features().orElseThrow();
    }
}
