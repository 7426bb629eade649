package org.lesionsim.imaging;

import java.nio.charset.StandardCharsets;

/**
 * The two formats we accept, recognised from the first bytes (the file name and the declared
 * content type are never trusted). {@link #sniff} names what the bytes are when they are neither,
 * so a dead letter can say "GIF" or "DICOM" instead of "bad image".
 */
public enum ImageFormat {
    JPEG("jpg", "image/jpeg"),
    PNG("png", "image/png");

    private final String extension;
    private final String contentType;

    ImageFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** File extension of a stored original, e.g. {@code cases/{caseId}/original.jpg}. */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    /** JPEG or PNG by signature; otherwise the rejection that says what the bytes are instead. */
    public static ImageFormat sniff(byte[] b) {
        if (b == null || b.length == 0) {
            throw new ImageRejectedException(RejectionReason.EMPTY, "the image has zero bytes");
        }
        if (startsWith(b, 0, 0xFF, 0xD8)) { // SOI: what follows is the header's business (CORRUPT_HEADER)
            return JPEG;
        }
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return PNG;
        }
        String other = otherImageFormat(b);
        if (other != null) {
            throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT,
                    other + " images are not accepted: send JPEG or PNG");
        }
        throw new ImageRejectedException(RejectionReason.NOT_AN_IMAGE, "the bytes carry no JPEG or PNG signature");
    }

    /** Image formats recognised by their magic numbers, so a rejection can name them. */
    private static String otherImageFormat(byte[] b) {
        if (startsWithAscii(b, 0, "GIF87a") || startsWithAscii(b, 0, "GIF89a")) {
            return "GIF";
        }
        if (startsWithAscii(b, 0, "BM") && b.length >= 14) {
            return "BMP";
        }
        if (startsWith(b, 0, 'I', 'I', 0x2A, 0x00) || startsWith(b, 0, 'M', 'M', 0x00, 0x2A)) {
            return "TIFF";
        }
        if (startsWithAscii(b, 0, "RIFF") && startsWithAscii(b, 8, "WEBP")) {
            return "WebP";
        }
        if (startsWithAscii(b, 4, "ftyp")) {
            return "HEIF/AVIF";
        }
        if (startsWith(b, 0, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', 0x20, 0x20) || startsWith(b, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "JPEG 2000";
        }
        if (startsWith(b, 0, 0xFF, 0x0A) || startsWith(b, 0, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L', 0x20)) {
            return "JPEG XL";
        }
        if (startsWithAscii(b, 128, "DICM")) {
            return "DICOM";
        }
        if (startsWithAscii(b, 0, "8BPS")) {
            return "Photoshop (PSD)";
        }
        if (startsWith(b, 0, 0x00, 0x00, 0x01, 0x00)) {
            return "ICO";
        }
        return null;
    }

    private static boolean startsWithAscii(byte[] b, int offset, String ascii) {
        return startsWith(b, offset, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] b, int offset, byte[] signature) {
        if (b.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (b[offset + i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int offset, int... signature) {
        byte[] bytes = new byte[signature.length];
        for (int i = 0; i < signature.length; i++) {
            bytes[i] = (byte) signature[i];
        }
        return startsWith(b, offset, bytes);
    }
}
