package org.lesionsim.metrics;

import java.util.Collection;

/**
 * Streaming mean and covariance of feature vectors (e.g. Inception pool features for FID).
 * In: {@code float[]} vectors of one fixed dimension, one at a time. Out: the mean and the unbiased
 * covariance (divisor N − 1, as {@code np.cov}), both in float64.
 *
 * <p>Sums are taken of {@code x − k}, where k is the first vector seen (the "shifted data"
 * algorithm): the textbook {@code Σxxᵀ − N μμᵀ} loses digits to cancellation when the mean is large
 * against the spread, the shifted sums do not. Only the upper triangle of the outer-product sum is
 * accumulated. Not thread-safe: one accumulator per thread.
 */
public final class GaussianStats {
    private final int dimension;
    private final double[] shift;
    private final double[] sum;
    private final double[][] outerSum;
    private long count;

    public GaussianStats(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, was " + dimension);
        }
        this.dimension = dimension;
        this.shift = new double[dimension];
        this.sum = new double[dimension];
        this.outerSum = new double[dimension][];
        for (int i = 0; i < dimension; i++) {
            outerSum[i] = new double[dimension - i];
        }
    }

    /** Statistics of all {@code vectors} (at least one). */
    public static GaussianStats of(Collection<float[]> vectors) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("no feature vectors");
        }
        GaussianStats stats = new GaussianStats(vectors.iterator().next().length);
        vectors.forEach(stats::add);
        return stats;
    }

    public void add(float[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("feature vector has " + x.length + " entries, expected " + dimension);
        }
        if (count == 0) {
            for (int i = 0; i < dimension; i++) {
                shift[i] = x[i];
            }
        }
        double[] centred = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("feature vector has a non-finite entry at " + i);
            }
            centred[i] = x[i] - shift[i];
            sum[i] += centred[i];
        }
        for (int i = 0; i < dimension; i++) {
            double ci = centred[i];
            if (ci == 0.0) {
                continue;
            }
            double[] row = outerSum[i];
            for (int j = i; j < dimension; j++) {
                row[j - i] += ci * centred[j];
            }
        }
        count++;
    }

    public int dimension() {
        return dimension;
    }

    public long count() {
        return count;
    }

    /** μ = (1/N) Σ x. */
    public double[] mean() {
        requireAtLeast(1);
        double[] mean = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = shift[i] + sum[i] / count;
        }
        return mean;
    }

    /** Σ = (1/(N−1)) Σ (x−μ)(x−μ)ᵀ, symmetric. */
    public double[][] covariance() {
        requireAtLeast(2);
        double[] m = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            m[i] = sum[i] / count;
        }
        double[][] cov = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            double[] row = outerSum[i];
            for (int j = i; j < dimension; j++) {
                double c = (row[j - i] - count * m[i] * m[j]) / (count - 1);
                cov[i][j] = c;
                cov[j][i] = c;
            }
        }
        return cov;
    }

    private void requireAtLeast(long n) {
        if (count < n) {
            throw new IllegalStateException("need at least " + n + " feature vectors, have " + count);
        }
    }
}
