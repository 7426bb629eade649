package org.lesionsim.imaging;

/** Why an input is not a usable dermoscopy image. Each one becomes a dead letter's reason code. */
public enum RejectionReason {
    /** Zero bytes. */
    EMPTY,
    /** No known image signature at the start of the bytes. */
    NOT_AN_IMAGE,
    /** An image, but not JPEG or PNG (GIF, BMP, TIFF, WebP, HEIC, CMYK JPEG, ...). */
    UNSUPPORTED_FORMAT,
    /** The data ends before the format's end marker (JPEG EOI, PNG IEND). */
    TRUNCATED,
    /** The header cannot be parsed (no size, broken markers or chunks). */
    CORRUPT_HEADER,
    /** The header declares more pixels than allowed: a decompression bomb, refused before decoding. */
    TOO_MANY_PIXELS,
    /** The header was fine but the pixel data could not be decoded. */
    DECODE_FAILED
}
