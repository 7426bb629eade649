package org.lesionsim.metrics.abcd;

import org.lesionsim.imaging.mask.BinaryMask;

/**
 * Order statistics in linear expected time (Hoare's quickselect), so medians and quartiles of
 * whole images cost no full sort. The q-quantile of n values is the value of rank ⌊q·n⌋ (0-based,
 * capped at n − 1), the same convention as indexing a sorted array.
 */
final class Quantiles {
    private Quantiles() {
    }

    /** The q-quantile of the values inside the mask (0 if the mask is empty). */
    static double of(float[] values, BinaryMask within, double q) {
        float[] copy = new float[within.area()];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (within.get(i)) {
                copy[k++] = values[i];
            }
        }
        return copy.length == 0 ? 0 : inPlace(copy, 0, copy.length, q);
    }

    /** The q-quantile of {@code values[from, to)}, reordering that range. */
    static float inPlace(float[] values, int from, int to, double q) {
        int n = to - from;
        if (n <= 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        return select(values, from, to - 1, from + (int) Math.min(n - 1, Math.floor(q * n)));
    }

    /** The k-th smallest (absolute index k) of {@code values[lo..hi]}, partitioning in place. */
    private static float select(float[] values, int lo, int hi, int k) {
        while (lo < hi) {
            float pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }
}
