package org.lesionsim.metrics.abcd;

import org.lesionsim.imaging.mask.BinaryMask;

/**
 * Otsu's threshold (Otsu 1979): over a {@value #BINS}-bin histogram of the values inside a mask,
 * the cut that maximises the between-class variance ω₀ω₁(μ₁ − μ₀)². Out: the threshold (values
 * above it form the upper class) and both class means.
 */
public final class Otsu {
    static final int BINS = 256;

    private Otsu() {
    }

    /** @param threshold upper class is {@code value > threshold} */
    public record Split(double threshold, double lowerMean, double upperMean) {
    }

    public static Split split(float[] values, BinaryMask within) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (within.get(i)) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("Otsu's threshold needs at least one value inside the mask");
        }
        if (max == min) {
            return new Split(max, max, max);
        }
        double binWidth = (max - min) / BINS;
        long[] histogram = new long[BINS];
        double[] sums = new double[BINS];
        long total = 0;
        double totalSum = 0;
        for (int i = 0; i < values.length; i++) {
            if (within.get(i)) {
                int bin = (int) Math.min(BINS - 1, (values[i] - min) / binWidth);
                histogram[bin]++;
                sums[bin] += values[i];
                total++;
                totalSum += values[i];
            }
        }
        double best = -1;
        int bestBin = 0;
        long lowerCount = 0;
        double lowerSum = 0;
        for (int k = 0; k < BINS - 1; k++) {
            lowerCount += histogram[k];
            lowerSum += sums[k];
            long upperCount = total - lowerCount;
            if (lowerCount == 0 || upperCount == 0) {
                continue;
            }
            double mu0 = lowerSum / lowerCount;
            double mu1 = (totalSum - lowerSum) / upperCount;
            double between = (double) lowerCount * upperCount * (mu1 - mu0) * (mu1 - mu0);
            if (between > best) {
                best = between;
                bestBin = k;
            }
        }
        double threshold = min + (bestBin + 1) * binWidth;
        double lowerSum2 = 0;
        long lowerN = 0;
        double upperSum2 = 0;
        long upperN = 0;
        for (int i = 0; i < values.length; i++) {
            if (within.get(i)) {
                if (values[i] > threshold) {
                    upperSum2 += values[i];
                    upperN++;
                } else {
                    lowerSum2 += values[i];
                    lowerN++;
                }
            }
        }
        return new Split(threshold, lowerN == 0 ? threshold : lowerSum2 / lowerN, upperN == 0 ? threshold : upperSum2 / upperN);
    }
}
