package org.lesionsim.imaging;

import java.util.Locale;

/**
 * What "preprocessed" means: square policy, output resolution, and the pixel limit beyond which
 * an input is refused as a decompression bomb. {@link #fingerprint()} names the configuration in
 * object keys, so outputs of different configurations never collide.
 */
public record PreprocessingConfig(int resolution, SquareCropPolicy policy, long maxPixels) {
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    public PreprocessingConfig {
        if (resolution < 16 || resolution > 2048) {
            throw new IllegalArgumentException("resolution must be in [16, 2048], got " + resolution);
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy is required");
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
    }

    public static PreprocessingConfig of(int resolution, SquareCropPolicy policy, long maxPixels) {
        return new PreprocessingConfig(resolution, policy, maxPixels);
    }

    /** The research's preprocessing (centre crop + padding) at {@code resolution}. */
    public static PreprocessingConfig research(int resolution) {
        return new PreprocessingConfig(resolution, SquareCropPolicy.CROP_THEN_PAD, DEFAULT_MAX_PIXELS);
    }

    /** e.g. {@code crop-then-pad_r256_area}: policy, resolution and resampling filter. */
    public String fingerprint() {
        return policy.name().toLowerCase(Locale.ROOT).replace('_', '-') + "_r" + resolution + "_area";
    }
}
