package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * A decoded image: 8-bit sRGB {@code TYPE_INT_RGB} pixels as stored in the file (EXIF orientation
 * not yet applied), and the format they came from.
 */
public record DecodedImage(BufferedImage image, ImageFormat format) {
    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
