package org.lesionsim.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG and PNG (recognised by their signatures, never by file name) into 8-bit sRGB, and
 * rejects everything else with a specific {@link RejectionReason}. The pixel count is checked on
 * the header before a single pixel is allocated, so a decompression bomb costs nothing. Truncation
 * is checked explicitly: ImageIO would otherwise return a half-grey image with only a warning.
 */
public final class ImageDecoder {
    public enum Format { JPEG, PNG }

    /** A decoded image: {@code TYPE_INT_RGB}, orientation not yet applied. */
    public record Decoded(BufferedImage image, Format format) {
    }

    /** libjpeg/libpng complaints about what precedes the pixel data: markers, tables, chunks. */
    private static final java.util.regex.Pattern HEADER_ERRORS = java.util.regex.Pattern.compile(
            "(?i)quantization table|huffman table|bogus marker|invalid jpeg file structure|not a jpeg file"
                    + "|unsupported marker|sof marker|crc|ihdr|chunk");

    private ImageDecoder() {
    }

    public static Decoded decode(byte[] bytes, long maxPixels) {
        Format format = sniff(bytes);
        if (format == Format.JPEG && !endsWithJpegEoi(bytes)) {
            throw new ImageRejectedException(RejectionReason.TRUNCATED, "JPEG ends before its end-of-image marker (file truncated?)");
        }
        if (format == Format.PNG && !containsPngIend(bytes)) {
            throw new ImageRejectedException(RejectionReason.TRUNCATED, "PNG ends before its IEND chunk (file truncated?)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
            ImageReader reader = readers.next();
            try {
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
                if (width <= 0 || height <= 0) {
                    throw new ImageRejectedException(RejectionReason.CORRUPT_HEADER, format + " header declares " + width + "x" + height);
                }
                if (width * height > maxPixels) {
                    throw new ImageRejectedException(RejectionReason.TOO_MANY_PIXELS, format + " declares " + width + "x" + height
                            + " = " + width * height + " pixels; the limit is " + maxPixels);
                }
                AtomicReference<String> warning = new AtomicReference<>();
                reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                    @Override
                    public void warningOccurred(ImageReader source, String message) {
                        warning.compareAndSet(null, message);
                    }
                });
                BufferedImage decoded = reader.read(0);
                if (warning.get() != null && warning.get().toLowerCase().contains("premature")) {
                    throw new ImageRejectedException(RejectionReason.TRUNCATED, format + " data ends early: " + warning.get());
                }
                return new Decoded(toRgb(decoded), format);
            } finally {
                reader.dispose();
            }
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IIOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Unsupported Image Type") || message.contains("Unsupported JPEG process")) {
                throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT,
                        "JPEG colour model not supported (CMYK/YCCK or lossless/arithmetic coding): convert to RGB JPEG or PNG", e);
            }
            if (HEADER_ERRORS.matcher(message).find()) {
                throw new ImageRejectedException(RejectionReason.CORRUPT_HEADER,
                        format + " header (markers, tables) is corrupt: " + message, e);
            }
            if (e.getCause() instanceof EOFException) {
                throw new ImageRejectedException(RejectionReason.TRUNCATED, format + " data ends early", e);
            }
            throw new ImageRejectedException(RejectionReason.DECODE_FAILED, format + " pixel data cannot be decoded: " + message, e);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(RejectionReason.DECODE_FAILED, format + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** JPEG or PNG by signature, or the rejection that says what the bytes are instead. */
    public static Format sniff(byte[] b) {
        if (b == null || b.length == 0) {
            throw new ImageRejectedException(RejectionReason.EMPTY, "the image has zero bytes");
        }
        if (startsWith(b, 0xFF, 0xD8)) {
            return Format.JPEG;
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Format.PNG;
        }
        String other = startsWith(b, 'G', 'I', 'F', '8') ? "GIF"
                : startsWith(b, 'B', 'M') ? "BMP"
                : startsWith(b, 'I', 'I', 0x2A, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2A) ? "TIFF"
                : b.length >= 12 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P' ? "WebP"
                : b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p' ? "HEIF/AVIF"
                : startsWith(b, 0x00, 0x00, 0x01, 0x00) ? "ICO"
                : null;
        if (other != null) {
            throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT, other + " images are not accepted: send JPEG or PNG");
        }
        throw new ImageRejectedException(RejectionReason.NOT_AN_IMAGE, "the bytes carry no JPEG or PNG signature");
    }

    private static boolean endsWithJpegEoi(byte[] b) {
        int end = b.length;
        while (end > 2 && b[end - 1] == 0) {
            end--; // some encoders pad after EOI
        }
        return end >= 4 && (b[end - 2] & 0xff) == 0xFF && (b[end - 1] & 0xff) == 0xD9;
    }

    private static boolean containsPngIend(byte[] b) {
        for (int i = Math.max(8, b.length - 64); i + 4 <= b.length; i++) {
            if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D') {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int... signature) {
        if (b.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Any decoded layout (grey, palette, 16-bit, alpha) to 8-bit RGB. Transparent pixels are
     * composited on white: a transparent dermoscopy export is unusual, and white matches the
     * paper background such exports were cut from.
     */
    static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return rgb;
    }
}
