package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * The research's preprocessing, one image at a time: decode (JPEG/PNG only, bombs refused) →
 * apply EXIF orientation → square ({@link SquareCropPolicy}) → area-average to the resolution →
 * PNG without metadata.
 */
public final class ImagePreprocessor {
    private ImagePreprocessor() {
    }

    public static PreprocessedImage preprocess(byte[] original, PreprocessingConfig config) {
        ImageDecoder.Decoded decoded = ImageDecoder.decode(original, config.maxPixels());
        int orientation = decoded.format() == ImageDecoder.Format.JPEG ? ExifOrientation.read(original) : 1;
        BufferedImage upright = ExifOrientation.apply(decoded.image(), orientation);
        BufferedImage square = config.policy().apply(upright);
        BufferedImage resized = Resampler.resize(square, config.resolution(), config.resolution());
        return new PreprocessedImage(PngEncoder.encode(resized), resized.getWidth(), resized.getHeight(),
                upright.getWidth(), upright.getHeight(), orientation);
    }
}
