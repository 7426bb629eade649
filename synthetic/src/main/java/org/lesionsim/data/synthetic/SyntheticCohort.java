package org.lesionsim.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Made-up patients and lesions in HAM10000's proportions: a share of melanomas, one to three
 * images per lesion (so a split by {@code lesion_id} matters), ages that are older for melanoma,
 * sex and body site drawn from HAM10000's mix. Image k depends only on the seed and k, never on
 * how many images are asked for.
 */
public final class SyntheticCohort {
    /** Synthetic ids start here so they can never be mistaken for real ISIC or HAM ids. */
    static final int FIRST_IMAGE_NUMBER = 9_000_000;
    static final int FIRST_LESION_NUMBER = 9_000_000;

    private static final String[] SITES = {"back", "lower extremity", "trunk", "upper extremity", "abdomen", "face", "chest",
            "foot", "neck", "scalp", "hand", "ear", "genital", "acral", "unknown"};
    private static final double[] SITE_WEIGHTS = {0.25, 0.17, 0.14, 0.11, 0.09, 0.07, 0.05, 0.03, 0.02, 0.02, 0.01, 0.01, 0.005,
            0.005, 0.02};

    private SyntheticCohort() {
    }

    /** The first {@code count} images for a seed, lesion by lesion. */
    public static List<SyntheticCase> plan(int count, long seed, double melFraction) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        if (!(melFraction >= 0 && melFraction <= 1)) {
            throw new IllegalArgumentException("mel fraction must be in [0, 1]");
        }
        List<SyntheticCase> cases = new ArrayList<>(count);
        for (int lesion = 0; cases.size() < count; lesion++) {
            long lesionSeed = ValueNoise.mix(seed * 0x9E3779B97F4A7C15L + lesion + 1);
            SplittableRandom r = new SplittableRandom(lesionSeed ^ 0x2545F4914F6CDD1DL);
            boolean melanoma = r.nextDouble() < melFraction;
            // each class leans towards its own end of the axis; intermediate lesions are rarer
            double u = Math.pow(r.nextDouble(), 1.3);
            double t = melanoma ? 1 - 0.5 * u : 0.5 * u * 0.999;
            int images = pick(r, new double[] {0.70, 0.22, 0.08}) + 1;
            String dxType = melanoma ? (r.nextDouble() < 0.95 ? "histo" : "consensus")
                    : new String[] {"follow_up", "histo", "consensus", "confocal"}[pick(r, new double[] {0.5, 0.35, 0.1, 0.05})];
            Integer age = null;
            if (r.nextDouble() >= 0.02) {
                double years = melanoma ? 62 + 14 * gaussian(r) : 42 + 16 * gaussian(r);
                age = (int) (5 * Math.round(Math.max(5, Math.min(85, years)) / 5));
            }
            double s = r.nextDouble();
            String sex = s < 0.54 ? "male" : s < 0.99 ? "female" : "unknown";
            String site = SITES[pick(r, SITE_WEIGHTS)];
            String lesionId = String.format("HAM_%07d", FIRST_LESION_NUMBER + lesion);
            String dx = t >= LesionGroundTruth.MELANOMA_FROM_T ? "mel" : "nv";
            for (int view = 0; view < images && cases.size() < count; view++) {
                String imageId = String.format("ISIC_%07d", FIRST_IMAGE_NUMBER + cases.size());
                cases.add(new SyntheticCase(lesionId, imageId, dx, dxType, age, sex, site, lesionSeed, view, t));
            }
        }
        return cases;
    }

    private static int pick(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = r.nextDouble(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(r.nextDouble(1e-12, 1))) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
