package org.lesionsim.imaging;

import java.util.List;

/**
 * An image with its metadata removed ({@link MetadataRemoval#strip}): the bytes to store, their
 * format, the EXIF orientation read before the EXIF went (1..8, 1 when there was none), and the
 * names of the blocks dropped or blanked ("APP1 Exif", "COM", "tEXt", "trailing 1234 bytes"), in
 * file order. The names are safe to log; the contents never appear anywhere.
 */
public record StrippedImage(byte[] bytes, ImageFormat format, int exifOrientation, List<String> removed) {
    public StrippedImage {
        removed = List.copyOf(removed);
    }
}
