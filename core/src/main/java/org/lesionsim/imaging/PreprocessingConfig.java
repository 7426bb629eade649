package org.lesionsim.imaging;

import java.math.BigDecimal;

/**
 * What "preprocessed" means, as data: output {@code resolution} (square), the
 * {@link SquareCropPolicy} with its {@code cropRatio} and {@link PadFill}, the downscaling filter
 * (enlarging always uses Lanczos-3), and {@code maxPixels}, beyond which an input is refused as a
 * decompression bomb.
 *
 * <p>{@link #fingerprint()} names every setting that changes output pixels, so it can sit in object
 * keys and idempotency keys: two configurations with the same fingerprint produce the same bytes,
 * and outputs of different configurations never collide. {@code maxPixels} only decides what is
 * refused, so it is not part of it.
 */
public record PreprocessingConfig(int resolution, SquareCropPolicy policy, double cropRatio, PadFill padFill,
                                  Resampler.Filter downscaleFilter, long maxPixels) {
    public static final long DEFAULT_MAX_PIXELS = ImageDecoder.DEFAULT_MAX_PIXELS;

    public PreprocessingConfig {
        if (resolution < 16 || resolution > 2048) {
            throw new IllegalArgumentException("resolution must be in [16, 2048], got " + resolution);
        }
        if (policy == null || padFill == null || downscaleFilter == null) {
            throw new IllegalArgumentException("policy, padFill and downscaleFilter are required");
        }
        if (!(cropRatio >= 1) || Double.isInfinite(cropRatio)) {
            throw new IllegalArgumentException("cropRatio must be a finite number >= 1, got " + cropRatio);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
    }

    /** {@code policy} at {@code resolution} with the default crop ratio (1.2), reflect padding and area averaging. */
    public static PreprocessingConfig of(int resolution, SquareCropPolicy policy, long maxPixels) {
        return new PreprocessingConfig(resolution, policy, SquareCropPolicy.DEFAULT_CROP_RATIO, PadFill.REFLECT,
                Resampler.Filter.AREA, maxPixels);
    }

    /** The research's preprocessing (centre crop + padding, see {@link SquareCropPolicy#CROP_THEN_PAD}) at {@code resolution}. */
    public static PreprocessingConfig research(int resolution) {
        return of(resolution, SquareCropPolicy.CROP_THEN_PAD, DEFAULT_MAX_PIXELS);
    }

    public PreprocessingConfig withCropRatio(double ratio) {
        return new PreprocessingConfig(resolution, policy, ratio, padFill, downscaleFilter, maxPixels);
    }

    public PreprocessingConfig withPadFill(PadFill fill) {
        return new PreprocessingConfig(resolution, policy, cropRatio, fill, downscaleFilter, maxPixels);
    }

    public PreprocessingConfig withDownscaleFilter(Resampler.Filter filter) {
        return new PreprocessingConfig(resolution, policy, cropRatio, padFill, filter, maxPixels);
    }

    /**
     * {@code {policy}[-{cropRatio}][-{fill}]_r{resolution}_{filter}}, lower case, usable as an
     * object-key segment. Only settings that can change pixels appear: e.g.
     * {@code centre-crop-pad-1.2-reflect_r256_area} (the default), {@code centre-crop_r256_area},
     * {@code pad-const-000000_r512_lanczos3}.
     */
    public String fingerprint() {
        String square = switch (policy) {
            case CENTRE_CROP -> "centre-crop";
            case PAD -> "pad-" + padFill.token();
            case CROP_THEN_PAD -> "centre-crop-pad-" + BigDecimal.valueOf(cropRatio).stripTrailingZeros().toPlainString()
                    + "-" + padFill.token();
        };
        return square + "_r" + resolution + "_" + downscaleFilter.token();
    }
}
