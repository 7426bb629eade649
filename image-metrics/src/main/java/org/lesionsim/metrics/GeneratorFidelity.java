package org.lesionsim.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lesionsim.metrics.fid.FidResult;
import org.lesionsim.metrics.fid.FidScorer;

/**
 * How close a generator's images are to real ones, the number StyleGAN2-ADA tracks over kimg: as
 * many images of the generator (drawn by a {@link Sampler}: fixed seed, no truncation) as there are
 * real images, compared by SWD (ProGAN's sliced Wasserstein distance, ×10³, per level and mean)
 * always, and by FID and KID only when the verified Inception weights are configured. In: the
 * generator, real images at its resolution, a seed. Out: the metrics measured, by name
 * ({@code swd}, {@code swd_<res>}, {@code fid}, {@code kid}, {@code kid_std}), and a sentence for
 * each one that was not. The generator comes in as a sampler so that metrics need not know the
 * networks (gan's {@code GeneratorSamples} is the one used).
 */
public final class GeneratorFidelity {

    /** What was measured, what was not and why, and where the time went. */
    public record Result(int images, int resolution, Map<String, Double> metrics, List<String> notMeasured,
                         double samplingMs, double swdMs, double fidMs) {
        public Result {
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            notMeasured = List.copyOf(notMeasured);
        }

        /** One line for logs and notes: counts, resolution and whatever was not measured. */
        public String describe() {
            return String.format(Locale.ROOT, "%d generated vs %d real images at %dx%d (SWD x1e3 per level and mean)",
                    images, images, resolution, resolution)
                    + (notMeasured.isEmpty() ? "" : "; not measured: " + String.join("; ", notMeasured));
        }
    }

    /** Draws {@code count} images of a generator from {@code seed}, the same ones for the same seed. */
    @FunctionalInterface
    public interface Sampler {
        List<PlanarImage> sample(int count, long seed);
    }

    private GeneratorFidelity() {
    }

    /** {@code res}: the generator's output resolution, which every real image must have. */
    public static Result measure(int res, Sampler generator, List<PlanarImage> real, long seed, FidScorer fid) {
        for (PlanarImage image : real) {
            if (image.height() != res || image.width() != res) {
                throw new IllegalArgumentException("real images must be " + res + "x" + res + " like the generator's, not "
                        + image.width() + "x" + image.height());
            }
        }
        if (real.size() < 2) {
            throw new IllegalArgumentException("at least 2 real images are needed, not " + real.size());
        }
        long start = System.nanoTime();
        List<PlanarImage> generated = generator.sample(real.size(), seed);
        long sampled = System.nanoTime();
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<String> notMeasured = new ArrayList<>();
        if (res >= SlicedWassersteinDistance.SMALLEST_RESOLUTION) {
            SlicedWassersteinDistance.Result swd = new SlicedWassersteinDistance().between(real, generated, seed);
            metrics.put("swd", swd.averageX1e3());
            for (int level = 0; level < swd.resolutions().length; level++) {
                metrics.put("swd_" + swd.resolutions()[level], swd.levelsX1e3()[level]);
            }
        } else {
            notMeasured.add("SWD needs images of at least " + SlicedWassersteinDistance.SMALLEST_RESOLUTION + " px");
        }
        long swdDone = System.nanoTime();
        FidResult result = fid.score(real, generated);
        if (result instanceof FidResult.Measured m) {
            metrics.put("fid", m.fid().distance());
            metrics.put("kid", m.kid().mean());
            metrics.put("kid_std", m.kid().std());
        } else {
            notMeasured.add(((FidResult.NotConfigured) result).reason());
        }
        long done = System.nanoTime();
        return new Result(real.size(), res, metrics, notMeasured, (sampled - start) / 1e6, (swdDone - sampled) / 1e6,
                (done - swdDone) / 1e6);
    }
}
