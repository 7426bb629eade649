package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * The research's preprocessing for one image: original bytes in, {@link PreprocessedImage} out.
 * decode (JPEG/PNG only, bombs refused from the header: {@link ImageDecoder}) → EXIF orientation
 * ({@link ExifOrientation}; given by the caller for a de-identified original) → metadata dropped (only pixels go on) → square
 * ({@link SquareCropPolicy}) → resize to {@code resolution}² ({@link Resampler}) → PNG without
 * metadata ({@link PngEncoder}). Rejections are {@link ImageRejectedException}s. Stateless and
 * thread-safe.
 */
public final class ImagePreprocessor {
    private ImagePreprocessor() {
    }

    /** {@link #preprocess(byte[], PreprocessingConfig, Integer)} with the orientation read from the bytes. */
    public static PreprocessedImage preprocess(byte[] original, PreprocessingConfig config) {
        return preprocess(original, config, null);
    }

    /**
     * @param exifOrientation the EXIF orientation (1..8) read from the upload before its metadata
     *                        was removed ({@link MetadataRemoval}; {@code case received} carries it),
     *                        since the stored original has no EXIF left; null to read it from the
     *                        JPEG's own EXIF as before de-identification (older events, callers with
     *                        untouched files). A PNG without an event's orientation is taken as upright.
     */
    public static PreprocessedImage preprocess(byte[] original, PreprocessingConfig config, Integer exifOrientation) {
        if (exifOrientation != null && (exifOrientation < 1 || exifOrientation > 8)) {
            throw new IllegalArgumentException("exifOrientation must be 1..8 or null, got " + exifOrientation);
        }
        DecodedImage decoded = new ImageDecoder(config.maxPixels()).decode(original);
        int orientation = exifOrientation != null ? exifOrientation
                : decoded.format() == ImageFormat.JPEG ? ExifOrientation.read(original) : 1;
        BufferedImage upright = ExifOrientation.apply(decoded.image(), orientation);
        int side = config.policy().squareSide(upright.getWidth(), upright.getHeight(), config.cropRatio());
        if ((long) side * side > config.maxPixels()) { // padding a very elongated image could exceed what decoding allowed
            throw new ImageRejectedException(RejectionReason.TOO_MANY_PIXELS, "squaring " + upright.getWidth() + "x"
                    + upright.getHeight() + " with " + config.policy() + " needs " + side + "x" + side
                    + " pixels; the limit is " + config.maxPixels());
        }
        BufferedImage square = config.policy().apply(upright, config.cropRatio(), config.padFill());
        BufferedImage resized = Resampler.resize(square, config.resolution(), config.resolution(), config.downscaleFilter());
        return new PreprocessedImage(PngEncoder.encode(resized), resized.getWidth(), resized.getHeight(),
                upright.getWidth(), upright.getHeight(), orientation, decoded.format());
    }
}
