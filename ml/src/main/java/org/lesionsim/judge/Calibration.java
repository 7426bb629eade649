package org.lesionsim.judge;

import java.util.ArrayList;
import java.util.List;
import org.lesionsim.sefa.AxisRanking;

/**
 * How well predicted probabilities match outcomes: the AUC (Mann–Whitney), the Brier score
 * (mean squared error of the probability), and the reliability curve in equal-width bins of
 * predicted probability with the expected calibration error (bin-weighted |observed − predicted|).
 */
public record Calibration(int n, double auc, double brier, double ece, List<Bin> bins) {

    /** One reliability bin {@code [lower, upper)}: how many fell in it, their mean prediction, the share that were melanoma. */
    public record Bin(double lower, double upper, int count, double meanPredicted, double observed) {
    }

    public static Calibration of(double[] probabilities, boolean[] melanoma, int binCount) {
        if (probabilities.length != melanoma.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + melanoma.length + " labels");
        }
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        double brier = 0;
        int[] count = new int[binCount];
        double[] sumP = new double[binCount];
        double[] sumY = new double[binCount];
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            double y = melanoma[i] ? 1 : 0;
            (melanoma[i] ? pos : neg).add(p);
            brier += (p - y) * (p - y);
            int b = Math.min(binCount - 1, (int) Math.floor(p * binCount));
            count[b]++;
            sumP[b] += p;
            sumY[b] += y;
        }
        int n = probabilities.length;
        double ece = 0;
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < binCount; b++) {
            double meanP = count[b] == 0 ? Double.NaN : sumP[b] / count[b];
            double observed = count[b] == 0 ? Double.NaN : sumY[b] / count[b];
            if (count[b] > 0) {
                ece += (double) count[b] / n * Math.abs(observed - meanP);
            }
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, count[b], meanP, observed));
        }
        double auc = AxisRanking.auc(pos.stream().mapToDouble(Double::doubleValue).toArray(),
                neg.stream().mapToDouble(Double::doubleValue).toArray());
        return new Calibration(n, auc, brier / n, ece, List.copyOf(bins));
    }
}
