package org.lesionsim.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018): the unbiased estimate of the squared maximum
 * mean discrepancy between two feature sets under the cubic polynomial kernel
 * <pre>  k(x, y) = (xᵀy / d + 1)³</pre>
 * averaged over random subsets, as in StyleGAN2-ADA's and clean-fid's {@code kernel_distance}
 * (100 subsets of at most 1000 vectors, drawn without replacement from each set). Per subset of size m:
 * <pre>  MMD² = [Σ_{i≠j} k(x_i,x_j) + Σ_{i≠j} k(y_i,y_j)] / (m(m−1)) − 2 Σ_{i,j} k(x_i,y_j) / m²</pre>
 * In: two lists of feature vectors of one dimension d. Out: mean and population standard
 * deviation of the per-subset values (the std is what torch-fidelity reports beside the mean).
 * Unbiased, so it can be slightly negative for sets from one distribution.
 */
public final class KernelInceptionDistance {
    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_MAX_SUBSET_SIZE = 1000;
    /** Up to this many vectors in both sets together, all dot products are computed once and reused. */
    static final int DEFAULT_CACHE_LIMIT = 2048;

    public record Result(double mean, double std, int subsets, int subsetSize) {
    }

    private final int subsets;
    private final int maxSubsetSize;
    private final long seed;
    private final int cacheLimit;

    public KernelInceptionDistance(int subsets, int maxSubsetSize, long seed) {
        this(subsets, maxSubsetSize, seed, DEFAULT_CACHE_LIMIT);
    }

    KernelInceptionDistance(int subsets, int maxSubsetSize, long seed, int cacheLimit) {
        if (subsets < 1 || maxSubsetSize < 2) {
            throw new IllegalArgumentException("need at least 1 subset of at least 2 vectors, got " + subsets + " of " + maxSubsetSize);
        }
        this.subsets = subsets;
        this.maxSubsetSize = maxSubsetSize;
        this.seed = seed;
        this.cacheLimit = cacheLimit;
    }

    /** The reference's settings: 100 subsets of at most 1000. */
    public static KernelInceptionDistance withDefaults(long seed) {
        return new KernelInceptionDistance(DEFAULT_SUBSETS, DEFAULT_MAX_SUBSET_SIZE, seed);
    }

    public Result between(List<float[]> real, List<float[]> generated) {
        int d = checkDimensions(real, generated);
        int m = Math.min(Math.min(real.size(), generated.size()), maxSubsetSize);
        if (m < 2) {
            throw new IllegalArgumentException("each set needs at least 2 feature vectors, got " + real.size() + " and " + generated.size());
        }
        Kernel kernel = real.size() + generated.size() <= cacheLimit
                ? Kernel.cached(real, generated, d)
                : Kernel.direct(real, generated, d);
        Random random = new Random(seed);
        double[] values = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            // Ascending indices: the estimate does not depend on order, and the Gram lookups stay local.
            int[] x = sampleWithoutReplacement(generated.size(), m, random);
            int[] y = sampleWithoutReplacement(real.size(), m, random);
            Arrays.sort(x);
            Arrays.sort(y);
            double within = 0.0;
            double across = 0.0;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    within += kernel.generated(x[i], x[j]) + kernel.real(y[i], y[j]);
                }
                for (int j = 0; j < m; j++) {
                    across += kernel.across(y[i], x[j]);
                }
            }
            within *= 2; // k is symmetric: Σ_{i≠j} = 2 Σ_{i<j}
            values[s] = within / ((double) m * (m - 1)) - 2.0 * across / ((double) m * m);
        }
        double mean = 0.0;
        for (double v : values) {
            mean += v;
        }
        mean /= subsets;
        double var = 0.0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new Result(mean, Math.sqrt(var / subsets), subsets, m);
    }

    private static int checkDimensions(List<float[]> real, List<float[]> generated) {
        if (real.isEmpty() || generated.isEmpty()) {
            throw new IllegalArgumentException("both feature sets must be non-empty");
        }
        int d = real.get(0).length;
        for (List<float[]> set : List.of(real, generated)) {
            for (float[] v : set) {
                if (v.length != d) {
                    throw new IllegalArgumentException("feature vectors differ in dimension: " + v.length + " vs " + d);
                }
            }
        }
        return d;
    }

    /** m distinct indices from [0, n) by a partial Fisher–Yates shuffle. */
    private static int[] sampleWithoutReplacement(int n, int m, Random random) {
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] out = new int[m];
        System.arraycopy(pool, 0, out, 0, m);
        return out;
    }

    /** k over the two sets, either precomputed or computed on demand. */
    private interface Kernel {
        double real(int i, int j);

        double generated(int i, int j);

        double across(int realIndex, int generatedIndex);

        static Kernel direct(List<float[]> real, List<float[]> generated, int d) {
            return new Kernel() {
                public double real(int i, int j) {
                    return k(real.get(i), real.get(j), d);
                }

                public double generated(int i, int j) {
                    return k(generated.get(i), generated.get(j), d);
                }

                public double across(int i, int j) {
                    return k(real.get(i), generated.get(j), d);
                }
            };
        }

        static Kernel cached(List<float[]> real, List<float[]> generated, int d) {
            double[][] rr = gram(real, real, d);
            double[][] gg = gram(generated, generated, d);
            double[][] rg = gram(real, generated, d);
            return new Kernel() {
                public double real(int i, int j) {
                    return rr[i][j];
                }

                public double generated(int i, int j) {
                    return gg[i][j];
                }

                public double across(int i, int j) {
                    return rg[i][j];
                }
            };
        }

        private static double[][] gram(List<float[]> a, List<float[]> b, int d) {
            double[][] g = new double[a.size()][b.size()];
            for (int i = 0; i < a.size(); i++) {
                for (int j = 0; j < b.size(); j++) {
                    g[i][j] = k(a.get(i), b.get(j), d);
                }
            }
            return g;
        }

        private static double k(float[] x, float[] y, int d) {
            double dot = 0.0;
            for (int i = 0; i < d; i++) {
                dot += (double) x[i] * y[i];
            }
            double base = dot / d + 1.0;
            return base * base * base;
        }
    }
}
