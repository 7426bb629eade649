package org.lesionsim.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.Resampler;
import org.lesionsim.metrics.PlanarImage;

/**
 * P(melanoma) of an image from the {@link LesionClassifier}, and how typical it is of real images
 * ({@link FeatureTypicality}, from {@value #REALISM} beside the weights), or "not configured" with
 * the reason when no weights are set. Frames of another size are brought to the classifier's resolution with
 * the preprocessing's area average, as its training images were. Thread-safe for concurrent
 * {@link #pMel} calls (each call allocates in its own sub-manager).
 */
public final class MelanomaJudge implements AutoCloseable {
    /** The real images' feature Gaussian and real range, beside the weights. */
    public static final String REALISM = "realism.json";

    private final LesionClassifier net;
    private final FeatureTypicality typicality;
    private final NDManager manager;
    private final String notConfigured;

    /**
     * What the judge says of one image.
     *
     * @param pMel            P(melanoma)
     * @param featureDistance Mahalanobis distance of its features to real images (NaN without {@value #REALISM})
     * @param withinRealRange whether that distance lies within the held-out real images' range
     */
    public record Reading(double pMel, double featureDistance, boolean withinRealRange) {
    }

    private MelanomaJudge(LesionClassifier net, FeatureTypicality typicality, NDManager manager, String notConfigured) {
        this.net = net;
        this.typicality = typicality;
        this.manager = manager;
        this.notConfigured = notConfigured;
    }

    /** Loads the configured weights (a broken file throws); a not-configured judge needs no engine. */
    public static MelanomaJudge open(JudgeConfiguration configuration, NDManager parent) throws IOException {
        if (configuration instanceof JudgeConfiguration.NotConfigured n) {
            return notConfigured(n.reason());
        }
        java.nio.file.Path weights = ((JudgeConfiguration.Configured) configuration).weights();
        java.nio.file.Path realism = weights.resolveSibling(REALISM);
        NDManager manager = parent.newSubManager();
        try {
            FeatureTypicality typicality = java.nio.file.Files.exists(realism) ? new FeatureTypicality(
                    JsonMappers.compact().readValue(realism.toFile(), FeatureTypicality.Reference.class))
                    : null;
            return new MelanomaJudge(LesionClassifier.load(weights, manager), typicality, manager, null);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public static MelanomaJudge notConfigured(String reason) {
        return new MelanomaJudge(null, null, null, reason);
    }

    /** Null when configured; otherwise why there is no P(mel). */
    public String notConfiguredReason() {
        return notConfigured;
    }

    /** P(mel) of an RGB image in [0, 1], or null when the judge is not configured. */
    public Double pMel(PlanarImage image) {
        Reading r = read(image);
        return r == null ? null : r.pMel();
    }

    /** P(mel) and typicality of an RGB image in [0, 1], or null when the judge is not configured. */
    public Reading read(PlanarImage image) {
        if (net == null) {
            return null;
        }
        int res = net.config().resolution();
        float[] chw = toMinusOneToOne(image);
        if (image.width() != res || image.height() != res) {
            BufferedImage resized = Resampler.resize(GanPixels.toImage(chw, image.width(), image.height()), res, res,
                    Resampler.Filter.AREA);
            chw = GanPixels.toMinusOneToOne(resized);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(chw, new Shape(1, 3, res, res));
            LesionClassifier.Evaluation e = net.evaluate(x);
            double distance = typicality == null ? Double.NaN : typicality.distance(RealismFeatures.of(e.features()[0], chw));
            return new Reading(e.probabilities()[0], distance, typicality == null || typicality.withinRealRange(distance));
        }
    }

    private static float[] toMinusOneToOne(PlanarImage image) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException("the judge reads RGB images, got " + image.channels() + " channels");
        }
        float[] v = image.values();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * 2f - 1f;
        }
        return out;
    }

    @Override
    public void close() {
        if (manager != null) {
            net.close();
            manager.close();
        }
    }
}
