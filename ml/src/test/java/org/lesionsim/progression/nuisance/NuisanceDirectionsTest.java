package org.lesionsim.progression.nuisance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lesionsim.sefa.ConditionalDirection;
import org.lesionsim.sefa.LayerSelection;

class NuisanceDirectionsTest {

    /** An attribute planted as Σ_rows β_rᵀ w_r over W+ rows: its W direction for a walk on all rows is Σ β_r. */
    @Test
    void theNuisanceDirectionOfAWalkIsTheSumOfTheRowCoefficientsItEdits() {
        Random random = new Random(5);
        int numWs = 4;
        int wDim = 12;
        float[][] beta = new float[numWs][wDim];
        for (float[] row : beta) {
            for (int k = 0; k < wDim; k++) {
                row[k] = (float) random.nextGaussian();
            }
        }
        List<float[][]> codes = new ArrayList<>();
        List<double[]> attributes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[][] w = new float[numWs][wDim];
            double y = 0;
            for (int r = 0; r < numWs; r++) {
                for (int k = 0; k < wDim; k++) {
                    w[r][k] = (float) random.nextGaussian();
                    y += w[r][k] * beta[r][k];
                }
            }
            codes.add(w);
            attributes.add(new double[] {y});
        }
        NuisanceDirections all = NuisanceDirections.fit(codes, attributes, List.of("planted"), LayerSelection.all(), 1e-4);
        float[] expected = new float[wDim];
        for (float[] row : beta) {
            for (int k = 0; k < wDim; k++) {
                expected[k] += row[k];
            }
        }
        assertThat(ConditionalDirection.cosine(all.directions().get(0), expected)).isCloseTo(1.0, within(1e-3));
        assertThat(all.r2()[0]).isGreaterThan(0.99);
        NuisanceDirections coarse = NuisanceDirections.fit(codes, attributes, List.of("planted"), LayerSelection.parse("0-1"), 1e-4);
        float[] coarseExpected = new float[wDim];
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < wDim; k++) {
                coarseExpected[k] += beta[r][k];
            }
        }
        assertThat(ConditionalDirection.cosine(coarse.directions().get(0), coarseExpected)).isCloseTo(1.0, within(1e-3));
        float[] axis = ConditionalDirectionTestAccess.randomUnit(wDim, random);
        assertThat(Math.abs(all.cosines(all.projectOut(axis))[0])).isLessThan(1e-6);
    }

    @Test
    void attributesSeeBrightnessSkinHueVignetteAndDarkLines() {
        BufferedImage plain = disc(0xd8a890, 0x6a4030, false, false);
        BufferedImage vignetted = disc(0xd8a890, 0x6a4030, true, false);
        BufferedImage bluish = disc(0xa0a0d8, 0x6a4030, false, false);
        BufferedImage hairy = disc(0xd8a890, 0x6a4030, false, true);
        double[] p = NuisanceAttributes.measure(plain);
        double[] v = NuisanceAttributes.measure(vignetted);
        double[] b = NuisanceAttributes.measure(bluish);
        double[] h = NuisanceAttributes.measure(hairy);
        int vignette = NuisanceAttributes.NAMES.indexOf("vignette");
        int skinB = NuisanceAttributes.NAMES.indexOf("skin_b");
        int hair = NuisanceAttributes.NAMES.indexOf("hair");
        assertThat(v[vignette]).isGreaterThan(p[vignette] + 10);
        assertThat(v[0]).isLessThan(p[0]);
        assertThat(b[skinB]).as("blue skin has lower b*").isLessThan(p[skinB] - 20);
        assertThat(h[hair]).isGreaterThan(p[hair] + 0.02);
        assertThat(p[hair]).isLessThan(0.01);
    }

    private static BufferedImage disc(int skin, int lesion, boolean vignette, boolean hair) {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                double r = Math.hypot(x - 31.5, y - 31.5);
                int c = r < 12 ? lesion : skin;
                if (vignette && r > 27) {
                    c = 0x101010;
                }
                if (hair && r >= 12 && (x == 10 || x == 50 || y == 8)) {
                    c = 0x302018;
                }
                img.setRGB(x, y, c);
            }
        }
        return img;
    }
}
