package org.lesionsim.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * {@code TYPE_INT_RGB} image → PNG bytes with no metadata, written by hand (PNG spec sections 5,
 * 7, 9, 11) so the file holds exactly three chunks: IHDR (8-bit RGB, colour type 2, no
 * interlace), IDAT, IEND. No tEXt/iTXt/zTXt, tIME, eXIf, iCCP, gAMA or pHYs can appear, so nothing
 * of the original file (EXIF, GPS, ICC, comments, capture time) survives; the samples are sRGB,
 * which is what a PNG without colour chunks means.
 *
 * <p>Each scanline gets the filter (None, Sub, Up, Average, Paeth) with the smallest sum of
 * absolute signed residuals, the heuristic libpng uses for truecolour ({@link Filtering#ADAPTIVE});
 * charts get no filter ({@link Filtering#NONE}); then zlib at level 3.
 * The bytes are a function of the pixels alone: the same pixels give the same bytes and the same
 * SHA-256, which idempotent object keys rely on.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int DEFLATE_LEVEL = 3; // zlib's fast path: ~1.5% larger than 6 on skin texture, ~3x faster

    /** How scanlines are predicted before deflate (PNG 9). */
    public enum Filtering {
        /** Per row, the filter with the smallest sum of |residual|: photographs, dermoscopy, frames. */
        ADAPTIVE,
        /**
         * No prediction: charts and other flat-colour graphics, where deflate finds the runs by itself.
         * On the metrics worker's 800 × 1840 score plot the file is 2% larger and the encode 2.5× faster
         * (14 ms against 36: the heuristic tries five filters on every row).
         */
        NONE
    }

    private PngEncoder() {
    }

    /** {@link Filtering#ADAPTIVE}. */
    public static byte[] encode(BufferedImage image) {
        return encode(image, Filtering.ADAPTIVE);
    }

    public static byte[] encode(BufferedImage image, Filtering filtering) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = RgbPixels.array(image);
        int stride = 3 * w;
        byte[] previous = new byte[stride]; // the row "above" the first row is zeros (PNG 9.2)
        byte[] current = new byte[stride];
        byte[] filtered = new byte[h * (1 + stride)];
        for (int y = 0; y < h; y++) {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                current[3 * x] = (byte) (pixels[i] >> 16);
                current[3 * x + 1] = (byte) (pixels[i] >> 8);
                current[3 * x + 2] = (byte) pixels[i];
            }
            int filter = filtering == Filtering.ADAPTIVE ? bestFilter(current, previous) : 0;
            int out = y * (1 + stride);
            filtered[out] = (byte) filter;
            applyFilter(filter, current, previous, filtered, out + 1);
            byte[] swap = previous;
            previous = current;
            current = swap;
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream(filtered.length / 2 + 64);
        png.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: truecolour; compression, filter and interlace methods 0
        writeChunk(png, "IHDR", ihdr, ihdr.length);
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        try {
            deflater.setInput(filtered);
            deflater.finish();
            byte[] buffer = new byte[Math.max(1024, filtered.length / 2)];
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(buffer.length);
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                compressed.write(buffer, 0, n);
            }
            byte[] idat = compressed.toByteArray();
            writeChunk(png, "IDAT", idat, idat.length);
        } finally {
            deflater.end();
        }
        writeChunk(png, "IEND", new byte[0], 0);
        return png.toByteArray();
    }

    /** The filter type (0 None .. 4 Paeth) whose residuals have the smallest sum of |signed residual|. */
    private static int bestFilter(byte[] row, byte[] up) {
        long none = 0;
        long sub = 0;
        long upper = 0;
        long average = 0;
        long paeth = 0;
        for (int i = 0; i < row.length; i++) {
            int x = row[i] & 0xff;
            int a = i >= 3 ? row[i - 3] & 0xff : 0; // left, same channel
            int b = up[i] & 0xff;
            int c = i >= 3 ? up[i - 3] & 0xff : 0; // upper left
            none += Math.abs((byte) x);
            sub += Math.abs((byte) (x - a));
            upper += Math.abs((byte) (x - b));
            average += Math.abs((byte) (x - ((a + b) >>> 1)));
            paeth += Math.abs((byte) (x - paeth(a, b, c)));
        }
        long[] cost = {none, sub, upper, average, paeth};
        int best = 0;
        for (int f = 1; f < 5; f++) {
            if (cost[f] < cost[best]) {
                best = f;
            }
        }
        return best;
    }

    /** PNG 9.2: residuals of {@code filter} for {@code row}, written to {@code out} from {@code at}. */
    private static void applyFilter(int filter, byte[] row, byte[] up, byte[] out, int at) {
        for (int i = 0; i < row.length; i++) {
            int x = row[i] & 0xff;
            int a = i >= 3 ? row[i - 3] & 0xff : 0;
            int b = up[i] & 0xff;
            int c = i >= 3 ? up[i - 3] & 0xff : 0;
            int predicted = switch (filter) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) >>> 1;
                default -> paeth(a, b, c);
            };
            out[at + i] = (byte) (x - predicted);
        }
    }

    /** PNG 9.4: the neighbour closest to a + b − c, ties in the order left, up, upper left. */
    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] header = new byte[8];
        putInt(header, 0, length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, header, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(header, 4, 4);
        crc.update(data, 0, length);
        byte[] trailer = new byte[4];
        putInt(trailer, 0, (int) crc.getValue());
        out.writeBytes(header);
        out.write(data, 0, length);
        out.writeBytes(trailer);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
