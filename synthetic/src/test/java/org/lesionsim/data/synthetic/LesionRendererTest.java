package org.lesionsim.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The synthetic lesions are an oracle: what a render records must be what its pixels show, the two
 * classes must differ the way nevus and melanoma do, and t must drive every feature.
 */
class LesionRendererTest {
    private static final int WIDTH = 300;
    private static final int HEIGHT = 225;
    private static final int PER_CLASS = 12;

    private static final List<SyntheticLesion> nevi = new ArrayList<>();
    private static final List<SyntheticLesion> melanomas = new ArrayList<>();

    @BeforeAll
    static void render() {
        for (int k = 0; k < PER_CLASS; k++) {
            // t spread over each class's half of the axis; every third a repeated view of its lesion
            nevi.add(LesionRenderer.render(100 + k, 0.45 * k / (PER_CLASS - 1), WIDTH, HEIGHT, k % 3));
            melanomas.add(LesionRenderer.render(200 + k, 0.55 + 0.45 * k / (PER_CLASS - 1), WIDTH, HEIGHT, k % 3));
        }
    }

    private static List<SyntheticLesion> all() {
        List<SyntheticLesion> all = new ArrayList<>(nevi);
        all.addAll(melanomas);
        return all;
    }

    @Test
    void recordedDiameterIsWhatTheImageShowsWithinFourPercent() {
        for (SyntheticLesion s : all()) {
            GroundTruthCheck.Measurement m = GroundTruthCheck.measure(s.image(), s.groundTruth().skinRgb());
            assertThat(m.diameterPx()).as("t=%s", s.groundTruth().progressionT())
                    .isCloseTo(s.groundTruth().diameterPx(), within(0.04 * s.groundTruth().diameterPx()));
            assertThat(m.asymmetry()).isCloseTo(s.groundTruth().asymmetry(), within(0.02));
        }
    }

    @Test
    void recordedColoursAreTheColoursTheImageShows() {
        for (SyntheticLesion s : all()) {
            GroundTruthCheck.Measurement m = GroundTruthCheck.measure(s.image(), s.groundTruth().skinRgb());
            assertThat(m.colours()).as("t=%s fractions %s", s.groundTruth().progressionT(), m.colourFractions())
                    .isEqualTo(s.groundTruth().colours());
            assertThat(m.colourCount()).isEqualTo(s.groundTruth().colourCount());
        }
    }

    @Test
    void theMaskIsWhatWasRecorded() {
        for (SyntheticLesion s : all()) {
            assertThat(s.mask().area()).isEqualTo(s.groundTruth().areaPx());
            assertThat(GroundTruthGeometry.diameterPx(s.mask())).isEqualTo(s.groundTruth().diameterPx());
            assertThat(s.image().getWidth()).isEqualTo(WIDTH);
            assertThat(s.image().getHeight()).isEqualTo(HEIGHT);
        }
    }

    @Test
    void melanomaIsLargerMoreAsymmetricMoreIrregularAndMoreColourfulThanNevus() {
        // measured from the pixels, not only read from the record
        double[] nv = means(nevi);
        double[] mel = means(melanomas);
        assertThat(mel[0]).as("diameter").isGreaterThan(1.3 * nv[0]);
        assertThat(mel[1]).as("asymmetry").isGreaterThan(1.5 * nv[1]);
        assertThat(mel[2]).as("colours").isGreaterThanOrEqualTo(3.5);
        assertThat(nv[2]).as("colours").isLessThanOrEqualTo(2.2);
        double nvBorder = nevi.stream().mapToDouble(s -> s.groundTruth().borderIrregularity()).average().orElseThrow();
        double melBorder = melanomas.stream().mapToDouble(s -> s.groundTruth().borderIrregularity()).average().orElseThrow();
        assertThat(melBorder).as("border irregularity").isGreaterThan(3 * nvBorder);
        assertThat(nevi).allSatisfy(s -> assertThat(s.groundTruth().dx()).isEqualTo("nv"));
        assertThat(melanomas).allSatisfy(s -> assertThat(s.groundTruth().dx()).isEqualTo("mel"));
    }

    private static double[] means(List<SyntheticLesion> lesions) {
        double[] sum = new double[3];
        for (SyntheticLesion s : lesions) {
            GroundTruthCheck.Measurement m = GroundTruthCheck.measure(s.image(), s.groundTruth().skinRgb());
            sum[0] += m.diameterPx();
            sum[1] += m.asymmetry();
            sum[2] += m.colourCount();
        }
        for (int i = 0; i < 3; i++) {
            sum[i] /= lesions.size();
        }
        return sum;
    }

    @Test
    void oneLesionProgressesWithT() {
        // same seed, rising t: the same lesion grows, becomes more ragged and gains colours
        for (long seed = 1; seed <= 6; seed++) {
            LesionGroundTruth early = LesionRenderer.render(seed, 0.1, 160, 120).groundTruth();
            LesionGroundTruth middle = LesionRenderer.render(seed, 0.5, 160, 120).groundTruth();
            LesionGroundTruth late = LesionRenderer.render(seed, 0.9, 160, 120).groundTruth();
            assertThat(middle.diameterPx()).isGreaterThan(early.diameterPx());
            assertThat(late.diameterPx()).isGreaterThan(middle.diameterPx());
            assertThat(late.borderIrregularity()).isGreaterThan(middle.borderIrregularity()).isGreaterThan(0);
            assertThat(middle.borderIrregularity()).isGreaterThan(early.borderIrregularity());
            assertThat(late.colourCount()).isGreaterThanOrEqualTo(middle.colourCount());
            assertThat(middle.colourCount()).isGreaterThanOrEqualTo(early.colourCount());
            assertThat(late.colourCount()).isGreaterThan(early.colourCount());
        }
    }

    @Test
    void sameSeedSamePixelsOtherSeedOrViewOtherPixels() {
        SyntheticLesion a = LesionRenderer.render(42, 0.7, 160, 120);
        SyntheticLesion b = LesionRenderer.render(42, 0.7, 160, 120);
        assertThat(pixels(b.image())).isEqualTo(pixels(a.image()));
        assertThat(b.groundTruth()).isEqualTo(a.groundTruth());
        assertThat(pixels(LesionRenderer.render(43, 0.7, 160, 120).image())).isNotEqualTo(pixels(a.image()));
        SyntheticLesion otherView = LesionRenderer.render(42, 0.7, 160, 120, 1);
        assertThat(pixels(otherView.image())).isNotEqualTo(pixels(a.image()));
        // another view of one lesion: same colours, same skin, same outline up to zoom
        assertThat(otherView.groundTruth().colours()).isEqualTo(a.groundTruth().colours());
        assertThat(otherView.groundTruth().skinRgb()).isEqualTo(a.groundTruth().skinRgb());
        assertThat(otherView.groundTruth().borderIrregularity()).isEqualTo(a.groundTruth().borderIrregularity());
        assertThat(otherView.groundTruth().diameterPx()).isCloseTo(a.groundTruth().diameterPx(), within(0.1 * a.groundTruth().diameterPx()));
    }

    @Test
    void rejectsTOutsideTheAxis() {
        assertThatThrownBy(() -> LesionRenderer.render(1, 1.5, 160, 120)).hasMessageContaining("t must be in [0, 1]");
        assertThatThrownBy(() -> LesionRenderer.render(1, Double.NaN, 160, 120)).hasMessageContaining("t must be in [0, 1]");
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
