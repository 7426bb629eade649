package org.lesionsim.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.Resampler;
import org.lesionsim.metrics.PlanarImage;

/**
 * P(melanoma) of an image from the {@link LesionClassifier}, or "not configured" with the reason
 * when no weights are set. Frames of another size are brought to the classifier's resolution with
 * the preprocessing's area average, as its training images were. Thread-safe for concurrent
 * {@link #pMel} calls (each call allocates in its own sub-manager).
 */
public final class MelanomaJudge implements AutoCloseable {
    private final LesionClassifier net;
    private final NDManager manager;
    private final String notConfigured;

    private MelanomaJudge(LesionClassifier net, NDManager manager, String notConfigured) {
        this.net = net;
        this.manager = manager;
        this.notConfigured = notConfigured;
    }

    /** Loads the configured weights (a broken file throws); a not-configured judge needs no engine. */
    public static MelanomaJudge open(JudgeConfiguration configuration, NDManager parent) throws IOException {
        if (configuration instanceof JudgeConfiguration.NotConfigured n) {
            return new MelanomaJudge(null, null, n.reason());
        }
        NDManager manager = parent.newSubManager();
        try {
            return new MelanomaJudge(LesionClassifier.load(((JudgeConfiguration.Configured) configuration).weights(), manager),
                    manager, null);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public static MelanomaJudge notConfigured(String reason) {
        return new MelanomaJudge(null, null, reason);
    }

    /** Null when configured; otherwise why there is no P(mel). */
    public String notConfiguredReason() {
        return notConfigured;
    }

    /** P(mel) of an RGB image in [0, 1], or null when the judge is not configured. */
    public Double pMel(PlanarImage image) {
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
            return (double) net.probabilities(x)[0];
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
