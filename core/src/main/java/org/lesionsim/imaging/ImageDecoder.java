package org.lesionsim.imaging;

import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * JPEG or PNG bytes in, 8-bit sRGB {@link DecodedImage} out; anything else is refused with an
 * {@link ImageRejectedException} naming one {@link RejectionReason}. The checks run cheapest
 * first; steps 1 to 4 read markers, chunk headers and CRCs, never pixels, so what they refuse
 * costs no pixel memory:
 * <ol>
 *   <li>signature ({@link ImageFormat#sniff}): EMPTY, NOT_AN_IMAGE, UNSUPPORTED_FORMAT;</li>
 *   <li>container header (JPEG marker segments and SOF; PNG IHDR with its CRC): CORRUPT_HEADER,
 *       TRUNCATED, UNSUPPORTED_FORMAT for JPEG codings ImageIO cannot decode (CMYK/YCCK, 12-bit,
 *       lossless, arithmetic);</li>
 *   <li>size from the reader's header ({@code getWidth/getHeight}) against {@code maxPixels}:
 *       TOO_MANY_PIXELS, so a decompression bomb costs a few hundred bytes of reading;</li>
 *   <li>container completeness (JPEG data reaches EOI; PNG critical-chunk CRCs, IDAT, IEND):
 *       TRUNCATED, DECODE_FAILED. Explicit, because ImageIO returns a half-grey JPEG with only a
 *       warning and decodes a PNG without IEND silently;</li>
 *   <li>pixel decoding: TRUNCATED when the data ends early, DECODE_FAILED otherwise.</li>
 * </ol>
 * Bytes are read from memory (never ImageIO's temp-file cache: patient images stay off disk).
 * Thread-safe: every call uses its own reader.
 */
public final class ImageDecoder {
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    public long maxPixels() {
        return maxPixels;
    }

    public DecodedImage decode(byte[] bytes) {
        ImageFormat format = ImageFormat.sniff(bytes);
        return format == ImageFormat.JPEG ? decodeJpeg(bytes) : decodePng(bytes);
    }

    private DecodedImage decodeJpeg(byte[] bytes) {
        JpegSegments.Header header = JpegSegments.readHeader(bytes);
        if (!header.ok()) {
            throw new ImageRejectedException(header.problemReason(), header.problem());
        }
        checkJpegFrame(bytes, header.frame());
        return read(bytes, ImageFormat.JPEG, () -> {
            if (!JpegSegments.reachesEndOfImage(bytes, header.scanDataStart())) {
                throw new ImageRejectedException(RejectionReason.TRUNCATED,
                        "JPEG ends before its end-of-image marker (file truncated?)");
            }
        }, null);
    }

    /** SOF0/1/2 with 8-bit precision and 1 or 3 components is what ImageIO's libjpeg decodes. */
    private static void checkJpegFrame(byte[] b, JpegSegments.Segment sof) {
        if (sof == null || sof.payloadLength() < 6) {
            throw new ImageRejectedException(RejectionReason.CORRUPT_HEADER, "JPEG has no start-of-frame header before its image data");
        }
        int process = sof.marker() - 0xC0;
        int precision = b[sof.payloadStart()] & 0xff;
        int components = b[sof.payloadStart() + 5] & 0xff;
        if (process > 2) {
            String coding = switch (process) {
                case 3 -> "lossless";
                case 5, 6, 7 -> "hierarchical";
                case 9, 10 -> "arithmetic";
                case 11 -> "lossless arithmetic";
                default -> "hierarchical arithmetic";
            };
            throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT, coding + " JPEG (SOF" + process
                    + ") is not supported: send a baseline or progressive JPEG, or PNG");
        }
        if (precision != 8) {
            throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT,
                    precision + "-bit JPEG is not supported: send an 8-bit JPEG or a 16-bit PNG");
        }
        if (components == 4) {
            throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT,
                    "CMYK/YCCK JPEG (4 colour components) is not supported: convert to an RGB JPEG or PNG");
        }
        if (components != 1 && components != 3) {
            throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT,
                    "JPEG with " + components + " components is not supported: send grey or RGB");
        }
    }

    private DecodedImage decodePng(byte[] bytes) {
        PngChunks.Layout layout = PngChunks.read(bytes);
        if (layout.headerProblem() != null) {
            throw new ImageRejectedException(layout.headerProblemReason(), layout.headerProblem());
        }
        return read(bytes, ImageFormat.PNG, () -> {
            if (layout.bodyProblem() != null) {
                throw new ImageRejectedException(layout.bodyProblemReason(), layout.bodyProblem());
            }
        }, layout.iccProfileChunk());
    }

    /**
     * Header size check, then {@code afterSizeCheck} (container completeness), then the pixels.
     */
    private DecodedImage read(byte[] bytes, ImageFormat format, Runnable afterSizeCheck, byte[] iccpChunk) {
        ImageReader reader = readerFor(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long width;
            long height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new ImageRejectedException(RejectionReason.CORRUPT_HEADER,
                        format + " header cannot be read: " + e.getMessage(), e);
            }
            if (width < 1 || height < 1) {
                throw new ImageRejectedException(RejectionReason.CORRUPT_HEADER, format + " header declares " + width + "x" + height);
            }
            if (width * height > maxPixels) {
                throw new ImageRejectedException(RejectionReason.TOO_MANY_PIXELS, format + " declares " + width + "x" + height
                        + " = " + width * height + " pixels; the limit is " + maxPixels);
            }
            afterSizeCheck.run();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, message) -> warnings.add(String.valueOf(message)));
            BufferedImage pixels = readPixels(reader, format);
            for (String warning : warnings) {
                String w = warning.toLowerCase(Locale.ROOT);
                // libjpeg fills what it could not read with grey and only warns
                if (w.contains("premature end") || w.contains("missing eoi") || w.contains("truncated")) {
                    throw new ImageRejectedException(RejectionReason.TRUNCATED, format + " data ends early: " + warning);
                }
            }
            return new DecodedImage(SrgbConversion.toSrgb(pixels, iccProfile(iccpChunk)), format);
        } catch (IOException e) {
            throw new ImageRejectedException(RejectionReason.DECODE_FAILED, format + " cannot be read: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage readPixels(ImageReader reader, ImageFormat format) {
        try {
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Unsupported Image Type") || message.contains("Unsupported JPEG process")) {
                throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT,
                        "JPEG colour model or coding not supported (CMYK/YCCK, lossless, arithmetic): convert to an RGB JPEG or PNG", e);
            }
            if (hasCause(e, EOFException.class)) {
                throw new ImageRejectedException(RejectionReason.TRUNCATED, format + " pixel data ends early", e);
            }
            throw new ImageRejectedException(RejectionReason.DECODE_FAILED, format + " pixel data cannot be decoded: " + message, e);
        }
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format + " in this JVM");
        }
        return readers.next();
    }

    /** The profile in a PNG iCCP chunk (name, NUL, method 0, zlib data), or null when absent or unusable. */
    static ICC_Profile iccProfile(byte[] iccp) {
        byte[] profile = iccp == null ? null : PngChunks.iccpProfileBytes(iccp);
        if (profile == null) {
            return null;
        }
        try {
            return ICC_Profile.getInstance(profile);
        } catch (IllegalArgumentException e) {
            return null; // an unreadable profile is ignored, as libpng does: the pixels are taken as sRGB
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
