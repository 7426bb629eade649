package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation tag (0x0112) of a JPEG, read from its APP1 "Exif" segment, and the
 * rotation/flip that shows the image upright. Phones and some dermatoscopes store pixels sideways
 * and rely on this tag; the tag (like all metadata) is dropped on re-encoding, so it must be
 * applied to the pixels. Malformed EXIF is ignored (orientation 1), never fatal.
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /** Orientation 1..8 of a JPEG, 1 when absent or unreadable. */
    public static int read(byte[] jpeg) {
        try {
            int pos = 2; // after SOI
            while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xFF) {
                int marker = jpeg[pos + 1] & 0xff;
                if (marker == 0xDA || marker == 0xD9) {
                    return 1; // start of scan: no EXIF before the pixels
                }
                int length = u16(jpeg, pos + 2, false);
                if (marker == 0xE1 && length >= 8 && pos + 4 + 6 <= jpeg.length
                        && jpeg[pos + 4] == 'E' && jpeg[pos + 5] == 'x' && jpeg[pos + 6] == 'i' && jpeg[pos + 7] == 'f') {
                    return fromTiff(jpeg, pos + 10, Math.min(jpeg.length, pos + 2 + length));
                }
                pos += 2 + length;
            }
        } catch (RuntimeException malformed) {
            return 1;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        int ifd = tiff + (int) u32(b, tiff + 4, little);
        int entries = u16(b, ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** The image as it should be seen for {@code orientation} (EXIF 1..8), as an exact pixel permutation. */
    public static BufferedImage apply(BufferedImage img, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }             // mirror horizontal
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }     // rotate 180
                    case 4 -> { sx = x; sy = h - 1 - y; }             // mirror vertical
                    case 5 -> { sx = y; sy = x; }                     // transpose
                    case 6 -> { sx = y; sy = h - 1 - x; }             // rotate 90 clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }     // transverse
                    default -> { sx = w - 1 - y; sy = x; }            // 8: rotate 90 counter-clockwise
                }
                out.setRGB(x, y, img.getRGB(sx, sy));
            }
        }
        return out;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i, boolean little) {
        return little
                ? (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24
                : (b[i] & 0xffL) << 24 | (b[i + 1] & 0xffL) << 16 | (b[i + 2] & 0xffL) << 8 | (b[i + 3] & 0xffL);
    }
}
