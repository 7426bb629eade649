package org.lesionsim.sefa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks candidate directions (e.g. SeFa's) by how well they separate the inverted latents of
 * labelled cases, nevus against melanoma. Each latent is projected onto each unit direction; per
 * direction the Mann–Whitney AUC (ties count ½) and Cohen's d of the projections are computed, the
 * direction is flipped when needed so that +α points towards melanoma (AUC ≥ 0.5), and directions are
 * sorted by |AUC − 0.5| (then |d|, then index). In: at least one case of each class and directions of
 * the latents' dimension. Out: one {@link RankedAxis} per direction, best first.
 */
public final class AxisRanking {
    private AxisRanking() {
    }

    public static List<RankedAxis> rank(List<LabelledLatent> cases, float[][] directions) {
        int dim = cases.isEmpty() ? 0 : cases.get(0).latent().length;
        long melanomas = cases.stream().filter(LabelledLatent::melanoma).count();
        if (melanomas == 0 || melanomas == cases.size()) {
            throw new IllegalArgumentException("ranking needs both classes, got " + melanomas + " mel of " + cases.size() + " cases");
        }
        for (LabelledLatent c : cases) {
            if (c.latent().length != dim) {
                throw new IllegalArgumentException("latents differ in dimension: " + c.latent().length + " vs " + dim);
            }
        }
        List<RankedAxis> ranked = new ArrayList<>();
        for (int i = 0; i < directions.length; i++) {
            float[] u = unit(directions[i], dim, i);
            double[] mel = new double[(int) melanomas];
            double[] nv = new double[cases.size() - (int) melanomas];
            int m = 0;
            int n = 0;
            for (LabelledLatent c : cases) {
                double p = dot(c.latent(), u);
                if (c.melanoma()) {
                    mel[m++] = p;
                } else {
                    nv[n++] = p;
                }
            }
            double auc = auc(mel, nv);
            double d = cohensD(mel, nv);
            int orientation = auc < 0.5 || (auc == 0.5 && d < 0) ? -1 : 1;
            if (orientation < 0) {
                for (int k = 0; k < u.length; k++) {
                    u[k] = -u[k];
                }
            }
            ranked.add(new RankedAxis(i, orientation > 0 ? auc : 1.0 - auc, orientation * d, orientation, u));
        }
        ranked.sort(Comparator.comparingDouble((RankedAxis r) -> Math.abs(r.auc() - 0.5)).reversed()
                .thenComparing(Comparator.comparingDouble((RankedAxis r) -> Math.abs(r.cohensD())).reversed())
                .thenComparingInt(RankedAxis::index));
        return ranked;
    }

    /**
     * Mann–Whitney AUC, {@code U / (n₊ n₋)}: the probability that a positive scores above a negative,
     * ties counting ½; from average ranks over the pooled sample.
     */
    public static double auc(double[] positives, double[] negatives) {
        int np = positives.length;
        int nn = negatives.length;
        if (np == 0 || nn == 0) {
            throw new IllegalArgumentException("AUC needs at least one positive and one negative");
        }
        int total = np + nn;
        double[] values = new double[total];
        boolean[] positive = new boolean[total];
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            values[i] = i < np ? positives[i] : negatives[i - np];
            positive[i] = i < np;
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double rankSumPositives = 0.0;
        for (int start = 0; start < total; ) {
            int end = start;
            while (end + 1 < total && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1.0; // ranks are 1-based
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    rankSumPositives += averageRank;
                }
            }
            start = end + 1;
        }
        double u = rankSumPositives - np * (np + 1) / 2.0;
        return u / ((double) np * nn);
    }

    /**
     * Cohen's d with the pooled (n−1) standard deviation; ±∞ when both groups are constant but differ,
     * 0 when they are equal.
     */
    public static double cohensD(double[] positives, double[] negatives) {
        int np = positives.length;
        int nn = negatives.length;
        if (np + nn < 3) {
            throw new IllegalArgumentException("Cohen's d needs at least 3 values in all");
        }
        double mp = mean(positives);
        double mn = mean(negatives);
        double ss = sumOfSquares(positives, mp) + sumOfSquares(negatives, mn);
        double pooled = Math.sqrt(ss / (np + nn - 2));
        double diff = mp - mn;
        if (pooled == 0.0) {
            return diff == 0.0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
        }
        return diff / pooled;
    }

    private static float[] unit(float[] direction, int dim, int index) {
        if (direction.length != dim) {
            throw new IllegalArgumentException("direction " + index + " has " + direction.length + " entries, latents have " + dim);
        }
        double norm = 0.0;
        for (float v : direction) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("direction " + index + " has norm " + norm);
        }
        float[] u = new float[dim];
        for (int k = 0; k < dim; k++) {
            u[k] = (float) (direction[k] / norm);
        }
        return u;
    }

    static double dot(float[] a, float[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double mean(double[] v) {
        double s = 0.0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0.0 : s / v.length;
    }

    private static double sumOfSquares(double[] v, double mean) {
        double s = 0.0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s;
    }
}
