package org.lesionsim.metrics.abcd;

import org.lesionsim.imaging.mask.BinaryMask;

/**
 * Order statistics in linear expected time (Hoare's quickselect), so medians and quartiles of
 * whole images cost no full sort. The q-quantile of n values is the value of rank ⌊q·n⌋ (0-based,
 * capped at n − 1), the same convention as indexing a sorted array; {@link #median} is the
 * textbook median instead.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The median of the values inside the mask as statistics defines it: the middle value, or the mean
     * of the two middle ones when their count is even (0 if the mask is empty). Equal to sorting a
     * copy and reading its middle, without the sort.
     */
    public static double median(float[] values, BinaryMask within) {
        float[] copy = inside(values, within);
        int n = copy.length;
        if (n == 0) {
            return 0;
        }
        int upper = n / 2;
        float high = select(copy, 0, n - 1, upper);
        if (n % 2 == 1) {
            return high;
        }
        // Selection leaves every value of rank < upper in copy[0, upper): the lower middle is their maximum.
        float low = copy[0];
        for (int i = 1; i < upper; i++) {
            low = Math.max(low, copy[i]);
        }
        return 0.5 * (low + high);
    }

    /** The q-quantile of the values inside the mask (0 if the mask is empty). */
    static double of(float[] values, BinaryMask within, double q) {
        float[] copy = inside(values, within);
        return copy.length == 0 ? 0 : inPlace(copy, 0, copy.length, q);
    }

    /** A copy of the values inside the mask, in pixel order. */
    private static float[] inside(float[] values, BinaryMask within) {
        float[] copy = new float[within.area()];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (within.get(i)) {
                copy[k++] = values[i];
            }
        }
        return copy;
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
