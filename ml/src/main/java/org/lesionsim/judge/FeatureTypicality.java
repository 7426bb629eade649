package org.lesionsim.judge;

import java.util.Arrays;
import java.util.Collection;
import org.lesionsim.linalg.Cholesky;
import org.lesionsim.metrics.GaussianStats;

/**
 * How typical an image is of real dermoscopy, seen through the judge: the Mahalanobis distance of
 * its pooled {@link LesionClassifier} features to a Gaussian fitted on real images' features (the
 * per-image reading of what FID measures per set). Colour drift, washed-out lesions and textures no
 * real image has move the features off the real cloud; the distance says how far.
 *
 * <p>The covariance is shrunk towards its diagonal ({@code Σ + λ·diag(Σ)}, which does not care
 * about each feature's units) so that a few hundred images give a stable inverse. The real range ends at a high quantile of the distances of
 * <b>held-out</b> real images (out-of-fold: not images the Gaussian was fitted on).
 */
public final class FeatureTypicality {
    public static final double DEFAULT_SHRINKAGE = 0.05;

    /**
     * The fitted Gaussian and its real range, as shipped ({@code realism.json}).
     *
     * @param mean           feature mean of the real images
     * @param covariance     their feature covariance (unshrunk)
     * @param shrinkage      λ
     * @param threshold      distances above it are outside the real range (NaN: not measured)
     * @param quantile       which quantile of the held-out distances the threshold is
     * @param referenceCount how many held-out real images measured it
     */
    public record Reference(double[] mean, double[][] covariance, double shrinkage, double threshold, double quantile,
                            int referenceCount) {
    }

    private final Reference reference;
    private final Cholesky factor;

    public FeatureTypicality(Reference reference) {
        this.reference = reference;
        int d = reference.mean().length;
        double[][] shrunk = new double[d][];
        for (int i = 0; i < d; i++) {
            shrunk[i] = reference.covariance()[i].clone();
            shrunk[i][i] += reference.shrinkage() * shrunk[i][i] + 1e-12; // a constant feature must not make it singular
        }
        this.factor = Cholesky.of(shrunk);
    }

    public static FeatureTypicality fit(Collection<float[]> features, double shrinkage) {
        GaussianStats stats = GaussianStats.of(features);
        return new FeatureTypicality(new Reference(stats.mean(), stats.covariance(), shrinkage, Double.NaN, Double.NaN, 0));
    }

    /** The same Gaussian with its real range: the {@code quantile} (linear interpolation) of {@code heldOutDistances}. */
    public FeatureTypicality withRange(double[] heldOutDistances, double quantile) {
        double[] sorted = heldOutDistances.clone();
        Arrays.sort(sorted);
        double position = quantile * (sorted.length - 1);
        int lo = (int) Math.floor(position);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double value = sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
        return new FeatureTypicality(new Reference(reference.mean(), reference.covariance(), reference.shrinkage(), value,
                quantile, sorted.length));
    }

    /** Mahalanobis distance of {@code feature} to the real images' Gaussian. */
    public double distance(float[] feature) {
        double[] mean = reference.mean();
        if (feature.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " features, got " + feature.length);
        }
        double[] diff = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            diff[i] = feature[i] - mean[i];
        }
        double[] solved = factor.solve(diff);
        double q = 0;
        for (int i = 0; i < mean.length; i++) {
            q += diff[i] * solved[i];
        }
        return Math.sqrt(Math.max(0, q));
    }

    /** Whether a distance lies within the real range (true while the range is not measured). */
    public boolean withinRealRange(double distance) {
        return Double.isNaN(reference.threshold()) || distance <= reference.threshold();
    }

    public Reference reference() {
        return reference;
    }
}
