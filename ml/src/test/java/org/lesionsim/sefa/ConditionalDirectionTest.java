package org.lesionsim.sefa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConditionalDirectionTest {

    /**
     * Latents whose class differs along a planted class axis c, and whose nuisance attribute (say
     * brightness) is a planted linear function along n that the raw axis d = c + n picks up too.
     */
    @Test
    void projectingOutAPlantedNuisanceLeavesTheAxisOrthogonalAndKeepsItsClassSeparation() {
        Random random = new Random(7);
        int dim = 32;
        float[] c = randomUnit(dim, random);
        float[] n = randomUnit(dim, random);
        float[] d = new float[dim];
        for (int k = 0; k < dim; k++) {
            d[k] = c[k] + 0.8f * n[k];
        }
        List<LabelledLatent> cases = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean mel = i % 3 == 0;
            float[] x = new float[dim];
            double shift = mel ? 1.5 : 0;
            double nuisance = random.nextGaussian() * 2; // varies in both classes alike
            for (int k = 0; k < dim; k++) {
                x[k] = (float) (random.nextGaussian() * 0.5 + shift * c[k] + nuisance * n[k]);
            }
            cases.add(new LabelledLatent(x, mel));
        }
        float[] clean = ConditionalDirection.projectOut(d, List.of(n));

        assertThat(Math.abs(ConditionalDirection.cosine(clean, n))).as("cos with the nuisance after").isLessThan(1e-6);
        assertThat(Math.abs(ConditionalDirection.cosine(d, n))).as("cos with the nuisance before").isGreaterThan(0.3);
        double aucRaw = AxisRanking.rank(cases, new float[][] {d}).get(0).auc();
        double aucClean = AxisRanking.rank(cases, new float[][] {clean}).get(0).auc();
        assertThat(aucClean).as("class separation kept (and here improved: the nuisance was noise)")
                .isGreaterThanOrEqualTo(aucRaw - 0.02).isGreaterThan(0.9);
        double norm = 0;
        for (float v : clean) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void severalNonOrthogonalConditionsAreAllRemoved() {
        Random random = new Random(3);
        int dim = 20;
        float[] a = randomUnit(dim, random);
        float[] b = new float[dim];
        float[] extra = randomUnit(dim, random);
        for (int k = 0; k < dim; k++) {
            b[k] = 0.9f * a[k] + 0.1f * extra[k]; // nearly collinear with a
        }
        float[] d = randomUnit(dim, random);
        float[] clean = ConditionalDirection.projectOut(d, List.of(a, b, randomUnit(dim, random)));
        assertThat(Math.abs(ConditionalDirection.cosine(clean, a))).isLessThan(1e-6);
        assertThat(Math.abs(ConditionalDirection.cosine(clean, b))).isLessThan(1e-6);
    }

    @Test
    void aDirectionInsideTheNuisanceSpanIsRefused() {
        float[] a = {1, 0, 0};
        float[] b = {0, 1, 0};
        assertThatThrownBy(() -> ConditionalDirection.projectOut(new float[] {0.6f, 0.8f, 0}, List.of(a, b)))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("span");
    }

    @Test
    void ridgeRegressionRecoversAPlantedLinearAttributeInTheDualForm() {
        Random random = new Random(11);
        int dim = 300; // more dimensions than samples, as a flattened W+ code
        float[] beta = randomUnit(dim, random);
        float[][] x = new float[120][dim];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < dim; k++) {
                x[i][k] = (float) random.nextGaussian();
                y[i] += x[i][k] * beta[k];
            }
            y[i] = 5 + 3 * y[i] + 0.01 * random.nextGaussian();
        }
        RidgeRegression fit = RidgeRegression.fit(x, y, 1e-3);
        assertThat(fit.r2()).isGreaterThan(0.99);
        // with n < d the minimum-norm solution lies in the span of the samples: it correlates, not equals
        assertThat(ConditionalDirection.cosine(fit.unitDirection(), beta)).isGreaterThan(0.5);
    }

    static float[] randomUnit(int dim, Random random) {
        double[] v = new double[dim];
        for (int k = 0; k < dim; k++) {
            v[k] = random.nextGaussian();
        }
        return ConditionalDirection.unit(v);
    }
}
