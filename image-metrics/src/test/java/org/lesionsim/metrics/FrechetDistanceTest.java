package org.lesionsim.metrics;

import org.lesionsim.linalg.Matrices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lesionsim.linalg.MatrixSqrt;

class FrechetDistanceTest {

    @Test
    void equalCovariancesLeaveOnlyTheSquaredMeanDistance() {
        Random random = new Random(1);
        double[][] sigma = randomCovariance(8, random);
        double[] mu1 = randomVector(8, random);
        double[] mu2 = randomVector(8, random);
        FrechetDistance.Result r = FrechetDistance.between(mu1, sigma, mu2, sigma);
        assertThat(r.distance()).isCloseTo(squaredDistance(mu1, mu2), within(1e-6));
        assertThat(r.covarianceTerm()).isCloseTo(0.0, within(1e-6));
        assertThat(r.regularised()).isFalse();
    }

    @Test
    void diagonalCovariancesGiveSumOfSquaredStdDifferences() {
        double[] sd1 = {0.5, 1.0, 2.0, 3.0};
        double[] sd2 = {1.5, 1.0, 0.5, 0.1};
        double[][] s1 = new double[4][4];
        double[][] s2 = new double[4][4];
        double expected = 0.0;
        for (int i = 0; i < 4; i++) {
            s1[i][i] = sd1[i] * sd1[i];
            s2[i][i] = sd2[i] * sd2[i];
            expected += (sd1[i] - sd2[i]) * (sd1[i] - sd2[i]);
        }
        double[] mu1 = {0, 1, 2, 3};
        double[] mu2 = {1, 1, 0, 3};
        expected += squaredDistance(mu1, mu2);
        assertThat(FrechetDistance.between(mu1, s1, mu2, s2).distance()).isCloseTo(expected, within(1e-6));
    }

    @Test
    void fullCovariancesSharingAnEigenbasisMatchTheirClosedForm() {
        // Σ1 = Q diag(a) Qᵀ, Σ2 = Q diag(b) Qᵀ commute, so d² = ‖Δμ‖² + Σ (√a_i − √b_i)².
        Random random = new Random(2);
        int n = 12;
        double[][] q = Matrices.randomOrthogonal(n, random);
        double[] a = new double[n];
        double[] b = new double[n];
        double expected = 0.0;
        for (int i = 0; i < n; i++) {
            a[i] = 0.05 + 4 * random.nextDouble();
            b[i] = 0.05 + 4 * random.nextDouble();
            expected += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        double[] mu1 = randomVector(n, random);
        double[] mu2 = randomVector(n, random);
        expected += squaredDistance(mu1, mu2);
        FrechetDistance.Result r = FrechetDistance.between(mu1, Matrices.fromEigen(q, a), mu2, Matrices.fromEigen(q, b));
        assertThat(r.distance()).isCloseTo(expected, within(1e-6));
        assertThat(r.meanTerm()).isCloseTo(squaredDistance(mu1, mu2), within(1e-12));
    }

    @Test
    void nonCommutingTwoByTwoMatchesTraceDeterminantFormula() {
        double[][] s1 = {{2.0, 0.9}, {0.9, 1.0}};
        double[][] s2 = {{0.5, -0.2}, {-0.2, 1.5}};
        double[][] m = {
                {s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0], s1[0][0] * s2[0][1] + s1[0][1] * s2[1][1]},
                {s1[1][0] * s2[0][0] + s1[1][1] * s2[1][0], s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1]}};
        double trSqrt = Math.sqrt(m[0][0] + m[1][1] + 2 * Math.sqrt(m[0][0] * m[1][1] - m[0][1] * m[1][0]));
        double expected = 3.0 + 2.0 - 2 * trSqrt;
        double[] mu = {0, 0};
        assertThat(FrechetDistance.between(mu, s1, mu, s2).distance()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void sampleSetAgainstItselfIsZeroAndAgainstAnotherSampleIsNear() {
        Random random = new Random(3);
        List<float[]> features = gaussianSamples(3000, 6, 0.0, random);
        GaussianStats stats = GaussianStats.of(features);
        assertThat(FrechetDistance.between(stats, stats).distance()).isCloseTo(0.0, within(1e-9));

        // N(0, I) vs N(0.5·1, I) in 6 dimensions: d² = 6 · 0.25 = 1.5, up to sampling error
        GaussianStats shifted = GaussianStats.of(gaussianSamples(3000, 6, 0.5, random));
        assertThat(FrechetDistance.between(stats, shifted).distance()).isCloseTo(1.5, within(0.15));
    }

    @Test
    void gaussianStatsMatchTwoPassMeanAndUnbiasedCovarianceEvenFarFromTheOrigin() {
        Random random = new Random(4);
        List<float[]> features = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            float[] x = new float[3];
            double common = random.nextGaussian();
            x[0] = (float) (1e4 + common);
            x[1] = (float) (-2e4 + 0.5 * common + random.nextGaussian());
            x[2] = (float) (3e4 + random.nextGaussian() * 0.1);
            features.add(x);
        }
        GaussianStats stats = GaussianStats.of(features);
        double[] mean = new double[3];
        for (float[] x : features) {
            for (int k = 0; k < 3; k++) {
                mean[k] += x[k] / 500.0;
            }
        }
        double[][] cov = new double[3][3];
        for (float[] x : features) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    cov[r][c] += (x[r] - mean[r]) * (x[c] - mean[c]) / 499.0;
                }
            }
        }
        assertThat(stats.count()).isEqualTo(500);
        assertThat(stats.mean()).containsExactly(mean, within(1e-8));
        for (int r = 0; r < 3; r++) {
            assertThat(stats.covariance()[r]).containsExactly(cov[r], within(1e-9));
        }
    }

    @Test
    void gaussianStatsRejectWrongDimensionAndTooFewSamples() {
        GaussianStats stats = new GaussianStats(3);
        assertThatThrownBy(() -> stats.add(new float[2])).hasMessageContaining("expected 3");
        stats.add(new float[3]);
        assertThatThrownBy(stats::covariance).hasMessageContaining("at least 2");
    }

    @Test
    void fallsBackToEpsRegularisationOnlyWhenTheSquareRootFailsAndSaysSo() {
        double[][] s1 = {{1, 0}, {0, 4}};
        double[][] s2 = {{9, 0}, {0, 1}};
        double[] mu = {0, 0};
        AtomicInteger calls = new AtomicInteger();
        FrechetDistance.Result r = FrechetDistance.between(mu, s1, mu, s2, (a, b) -> {
            if (calls.getAndIncrement() == 0) {
                throw new ArithmeticException("did not converge");
            }
            assertThat(a[0][0]).as("eps added to Σ1").isEqualTo(1 + 1e-3);
            assertThat(b[1][1]).as("eps added to Σ2").isEqualTo(1 + 1e-3);
            return MatrixSqrt.traceOfSqrtProduct(a, b);
        }, 1e-3);
        assertThat(r.regularised()).isTrue();
        assertThat(r.regularisationEps()).isEqualTo(1e-3);
        double expected = 1 + 4 + 9 + 1 - 2 * (Math.sqrt(1.001 * 9.001) + Math.sqrt(4.001 * 1.001));
        assertThat(r.distance()).isCloseTo(expected, within(1e-12));

        assertThatThrownBy(() -> FrechetDistance.between(mu, s1, mu, s2, (a, b) -> {
            throw new ArithmeticException("never converges");
        }, 1e-3)).isInstanceOf(ArithmeticException.class).hasMessageContaining("even with");
    }

    static List<float[]> gaussianSamples(int n, int d, double shift, Random random) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[d];
            for (int k = 0; k < d; k++) {
                x[k] = (float) (shift + random.nextGaussian());
            }
            out.add(x);
        }
        return out;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    private static double[] randomVector(int n, Random random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static double[][] randomCovariance(int n, Random random) {
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int k = 0; k < n; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    s[i][j] += b[i][k] * b[j][k];
                }
            }
        }
        return s;
    }
}
