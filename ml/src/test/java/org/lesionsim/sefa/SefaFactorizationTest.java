package org.lesionsim.sefa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SefaFactorizationTest {

    @Test
    void recoversAPlantedEigenbasisBecauseEachOutputChannelRowIsNormalised() {
        // Rows are q1 ×3, q2 ×2, q3 ×1 at wildly different scales and signs. With every row of the
        // [C_out, w_dim] weights (= column of the reference's [w_dim, ΣC]) scaled to unit norm,
        // AAᵀ = 3 q1q1ᵀ + 2 q2q2ᵀ + q3q3ᵀ exactly; normalising the other axis would not give this.
        double s = Math.sqrt(0.5);
        float[] q1 = {(float) s, (float) s, 0};
        float[] q2 = {(float) -s, (float) s, 0};
        float[] q3 = {0, 0, 1};
        NamedWeight layerA = new NamedWeight("synthesis.b4.conv1.affine.weight",
                new float[][] {scaled(q1, 7f), scaled(q2, -0.01f), scaled(q1, -3f)});
        NamedWeight layerB = new NamedWeight("synthesis.b8.conv0.affine.weight",
                new float[][] {scaled(q3, 250f), scaled(q1, 0.2f), scaled(q2, 40f)});

        SefaResult result = SefaFactorization.factorize(List.of(layerA, layerB));

        assertThat(result.eigenvalues()).containsExactly(new double[] {3, 2, 1}, within(1e-6));
        assertThat(Math.abs(dot(result.directions()[0], q1))).isCloseTo(1.0, within(1e-6));
        assertThat(Math.abs(dot(result.directions()[1], q2))).isCloseTo(1.0, within(1e-6));
        assertThat(Math.abs(dot(result.directions()[2], q3))).isCloseTo(1.0, within(1e-6));
        assertThat(result.layerNames()).containsExactly(layerA.name(), layerB.name());
        assertThat(result.wDim()).isEqualTo(3);
    }

    @Test
    void directionsAreOrthonormalSortedEigenvectorsOfTheReferenceMatrix() {
        Random random = new Random(1);
        int wDim = 24;
        List<NamedWeight> layers = List.of(randomWeight("a", 16, wDim, random), randomWeight("b", 40, wDim, random),
                randomWeight("c", 8, wDim, random));
        SefaResult result = SefaFactorization.factorize(layers);

        // The reference, line by line: concatenate weight.T → [w_dim, ΣC], divide by the norm along
        // axis 0 (over w_dim, per column), then W Wᵀ.
        int total = 64;
        double[][] w = new double[wDim][total];
        int col = 0;
        for (NamedWeight layer : layers) {
            for (float[] row : layer.weight()) {
                for (int k = 0; k < wDim; k++) {
                    w[k][col] = row[k];
                }
                col++;
            }
        }
        for (int j = 0; j < total; j++) {
            double norm = 0;
            for (int k = 0; k < wDim; k++) {
                norm += w[k][j] * w[k][j];
            }
            for (int k = 0; k < wDim; k++) {
                w[k][j] /= Math.sqrt(norm);
            }
        }
        double[][] wwt = new double[wDim][wDim];
        for (int r = 0; r < wDim; r++) {
            for (int c = 0; c < wDim; c++) {
                for (int j = 0; j < total; j++) {
                    wwt[r][c] += w[r][j] * w[c][j];
                }
            }
        }

        double trace = 0;
        for (int i = 0; i < wDim; i++) {
            float[] d = result.directions()[i];
            double lambda = result.eigenvalues()[i];
            for (int r = 0; r < wDim; r++) {
                double av = 0;
                for (int c = 0; c < wDim; c++) {
                    av += wwt[r][c] * d[c];
                }
                assertThat(av).as("(WWᵀ d - λ d)[%d] of direction %d", r, i).isCloseTo(lambda * d[r], within(1e-5));
            }
            for (int j = 0; j < wDim; j++) {
                assertThat(dot(d, result.directions()[j])).isCloseTo(i == j ? 1.0 : 0.0, within(1e-6));
            }
            if (i > 0) {
                assertThat(lambda).isLessThanOrEqualTo(result.eigenvalues()[i - 1]);
            }
            trace += lambda;
        }
        // each unit column adds 1 to the trace
        assertThat(trace).isCloseTo(total, within(1e-9));
    }

    @Test
    void eigenvectorSignIsFixedSoTheLargestComponentIsPositive() {
        SefaResult result = SefaFactorization.factorize(List.of(randomWeight("a", 30, 10, new Random(2))));
        for (float[] d : result.directions()) {
            int largest = 0;
            for (int k = 1; k < d.length; k++) {
                if (Math.abs(d[k]) > Math.abs(d[largest])) {
                    largest = k;
                }
            }
            assertThat(d[largest]).isPositive();
        }
    }

    @Test
    void rejectsZeroRowsMismatchedWDimAndNoLayers() {
        assertThatThrownBy(() -> SefaFactorization.factorize(List.of(new NamedWeight("z", new float[][] {{1, 0}, {0, 0}}))))
                .hasMessageContaining("layer z row 1 has norm 0");
        assertThatThrownBy(() -> SefaFactorization.factorize(List.of(new NamedWeight("a", new float[][] {{1, 0}}),
                new NamedWeight("b", new float[][] {{1, 0, 0}})))).hasMessageContaining("w_dim 3, expected 2");
        assertThatThrownBy(() -> SefaFactorization.factorize(List.of())).hasMessageContaining("no layers");
    }

    static NamedWeight randomWeight(String name, int out, int wDim, Random random) {
        float[][] w = new float[out][wDim];
        for (float[] row : w) {
            double scale = 0.1 + random.nextDouble() * 5;
            for (int k = 0; k < wDim; k++) {
                row[k] = (float) (scale * random.nextGaussian());
            }
        }
        return new NamedWeight(name, w);
    }

    private static float[] scaled(float[] v, float s) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
