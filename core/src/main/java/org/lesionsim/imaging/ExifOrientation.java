package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation tag (0x0112, values 1..8) of a JPEG, read from its APP1 "Exif" segment, and
 * the rotation/flip that shows the image upright. Phones and some dermatoscopes store pixels
 * sideways and rely on this tag; since we re-encode pixels only, the tag (like all EXIF, GPS and
 * ICC metadata) is gone from the output, so it must be applied to the pixels.
 *
 * <p>Parsed by hand (EXIF 2.32 section 4.5.2 / TIFF 6.0): "Exif\0" header, TIFF header in either
 * byte order ("II" little-endian, "MM" big-endian, magic 42), IFD0, the 12-byte entry with tag
 * 0x0112 and type SHORT. Every offset is bounds-checked against the APP1 segment: malformed EXIF
 * means orientation 1, never an exception.
 */
public final class ExifOrientation {
    public static final int TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;

    private ExifOrientation() {
    }

    /** Orientation 1..8 of a JPEG; 1 when the tag is absent, out of range or the EXIF is malformed. */
    public static int read(byte[] jpeg) {
        if (jpeg == null) {
            return 1;
        }
        for (JpegSegments.Segment s : JpegSegments.readHeader(jpeg).segments()) {
            if (s.marker() == JpegSegments.APP1 && s.payloadLength() >= 6 && jpeg[s.payloadStart()] == 'E'
                    && jpeg[s.payloadStart() + 1] == 'x' && jpeg[s.payloadStart() + 2] == 'i'
                    && jpeg[s.payloadStart() + 3] == 'f' && jpeg[s.payloadStart() + 4] == 0) {
                return fromTiff(jpeg, s.payloadStart() + 6, s.payloadEnd()); // "Exif\0" + one pad byte
            }
        }
        return 1;
    }

    /**
     * IFD0's orientation entry in the TIFF structure at {@code [tiff, end)}: the body of a JPEG's
     * APP1 Exif segment, or a PNG eXIf chunk (which holds the bare TIFF structure); 1 when malformed.
     */
    static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little); // offsets count from the TIFF header
        if (ifd < tiff + 8 || ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == TAG) {
                int type = u16(b, entry + 2, little);
                long value = type == TYPE_SHORT ? u16(b, entry + 8, little)
                        : type == TYPE_LONG ? u32(b, entry + 8, little) : 0; // value sits in the entry itself
                return value >= 1 && value <= 8 && u32(b, entry + 4, little) >= 1 ? (int) value : 1;
            }
        }
        return 1;
    }

    /**
     * The image as it should be seen for {@code orientation}: an exact pixel permutation
     * (values 5..8 swap width and height). Orientation 1 or an invalid value returns {@code img}.
     * What each value asks for, applied to the stored image:
     * 2 mirror left-right, 3 rotate 180, 4 mirror top-bottom, 5 transpose, 6 rotate 90 clockwise,
     * 7 transverse, 8 rotate 90 counter-clockwise.
     */
    public static BufferedImage apply(BufferedImage img, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] src = RgbPixels.array(img);
        BufferedImage upright = RgbPixels.create(ow, oh);
        int[] dst = RgbPixels.array(upright);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                dst[y * ow + x] = src[sy * w + sx] & 0xFFFFFF;
            }
        }
        return upright;
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
