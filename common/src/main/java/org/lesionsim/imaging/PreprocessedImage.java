package org.lesionsim.imaging;

/** A preprocessed image as PNG bytes (no metadata), with what was done to get it. */
public record PreprocessedImage(byte[] png, int width, int height, int sourceWidth, int sourceHeight, int exifOrientation) {
}
