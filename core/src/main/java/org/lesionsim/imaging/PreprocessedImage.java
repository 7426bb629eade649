package org.lesionsim.imaging;

/**
 * A preprocessed image: PNG bytes (8-bit RGB, no metadata) of {@code width}×{@code height}, and
 * what was done to get there: the source size after EXIF orientation (upright), the orientation
 * applied (1..8, 1 when none) and the source format.
 */
public record PreprocessedImage(byte[] png, int width, int height,
                                int sourceWidth, int sourceHeight, int exifOrientation, ImageFormat sourceFormat) {
}
