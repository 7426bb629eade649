package org.lesionsim.imaging;

import org.lesionsim.events.ReasonCode;

/**
 * Why an input is not a usable dermoscopy image. Each value is a stable code: it becomes the
 * {@code reasonCode} of a dead letter, so renaming one is a schema change.
 */
public enum RejectionReason implements ReasonCode {
    /** Zero bytes. */
    EMPTY,
    /** No known image signature at the start of the bytes (text, PDF, random data). */
    NOT_AN_IMAGE,
    /**
     * An image, but one we do not take: GIF, BMP, TIFF, WebP, HEIC/AVIF, JPEG 2000, DICOM, ... (named
     * in the detail), or a JPEG whose coding ImageIO cannot decode (CMYK/YCCK, 12-bit, lossless,
     * arithmetic).
     */
    UNSUPPORTED_FORMAT,
    /** The data ends before the format's end: no JPEG end-of-image marker, no PNG IEND chunk. */
    TRUNCATED,
    /** The header cannot be parsed: broken JPEG marker segments, a PNG IHDR that is malformed or fails its CRC. */
    CORRUPT_HEADER,
    /** The header declares more pixels than allowed: a decompression bomb, refused before any pixel is decoded. */
    TOO_MANY_PIXELS,
    /** The header was fine but the pixel data could not be decoded (corrupt entropy data, bad chunk CRC). */
    DECODE_FAILED
}
