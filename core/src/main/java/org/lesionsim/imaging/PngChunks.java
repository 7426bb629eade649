package org.lesionsim.imaging;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The chunk layout of a PNG file (PNG spec, section 5), checked without decoding: IHDR first and
 * intact (its CRC is verified here because ImageIO ignores it), every critical chunk's CRC, at
 * least one IDAT, and an IEND at the end (ImageIO happily decodes a PNG cut after its last IDAT).
 * It also keeps the iCCP payload, whose colour profile ImageIO would ignore. Never throws.
 */
final class PngChunks {
    static final int SIGNATURE_LENGTH = 8;
    /** iCCP profiles are small (sRGB ~3 KB, Display P3 ~0.5 KB); a larger inflation is a bomb, not a profile. */
    static final int MAX_ICC_PROFILE_BYTES = 4 << 20;
    /** PNG 11.3.3.3: a profile name is 1 to 79 Latin-1 characters. */
    static final int MAX_ICC_PROFILE_NAME = 79;

    /** The IHDR fields (PNG 11.2.2). */
    record Ihdr(long width, long height, int bitDepth, int colourType, int interlace) {
    }

    /**
     * What the walk found. A header problem means IHDR itself is unusable; a body problem is found
     * after IHDR (truncation, corrupt data) and is reported only once the size was checked.
     */
    record Layout(Ihdr ihdr, byte[] iccProfileChunk,
                  RejectionReason headerProblemReason, String headerProblem,
                  RejectionReason bodyProblemReason, String bodyProblem) {
    }

    private PngChunks() {
    }

    static Layout read(byte[] b) {
        int pos = SIGNATURE_LENGTH;
        Ihdr ihdr = null;
        byte[] icc = null;
        boolean seenData = false;
        CRC32 crc = new CRC32();
        while (true) {
            if (pos + 8 > b.length) {
                return ihdr == null ? new Layout(null, null, RejectionReason.TRUNCATED, "PNG ends inside its IHDR chunk", null, null)
                        : body(ihdr, icc, RejectionReason.TRUNCATED, "PNG ends before its IEND chunk (file truncated?)");
            }
            long length = u32(b, pos);
            int typeAt = pos + 4;
            String type = chunkType(b, typeAt);
            boolean first = ihdr == null;
            if (type == null || length > Integer.MAX_VALUE) {
                String problem = "PNG chunk at byte " + pos + " has an invalid type or length";
                return first ? header(problem) : body(ihdr, icc, RejectionReason.DECODE_FAILED, problem);
            }
            if (first && (!type.equals("IHDR") || length != 13)) {
                return header("PNG does not start with a 13-byte IHDR chunk (found " + type + ", " + length + " bytes)");
            }
            long end = typeAt + 4 + length + 4;
            if (end > b.length) {
                return first ? new Layout(null, null, RejectionReason.TRUNCATED, "PNG ends inside its IHDR chunk", null, null)
                        : body(ihdr, icc, RejectionReason.TRUNCATED, "PNG ends inside its " + type + " chunk (file truncated?)");
            }
            crc.reset();
            crc.update(b, typeAt, 4 + (int) length);
            boolean crcOk = crc.getValue() == u32(b, typeAt + 4 + (int) length);
            boolean critical = Character.isUpperCase(type.charAt(0));
            if (first) {
                if (!crcOk) {
                    return header("PNG IHDR chunk fails its CRC: the header is corrupt");
                }
                int d = typeAt + 4;
                ihdr = new Ihdr(u32(b, d), u32(b, d + 4), b[d + 8] & 0xff, b[d + 9] & 0xff, b[d + 12] & 0xff);
                String invalid = invalidIhdr(ihdr, b[d + 10] & 0xff, b[d + 11] & 0xff);
                if (invalid != null) {
                    return header("PNG IHDR is invalid: " + invalid);
                }
            } else if (!crcOk && critical) {
                return body(ihdr, icc, RejectionReason.DECODE_FAILED, "PNG " + type + " chunk fails its CRC: the data is corrupt");
            } else if (crcOk && type.equals("iCCP") && !seenData) {
                icc = java.util.Arrays.copyOfRange(b, typeAt + 4, typeAt + 4 + (int) length);
            } else if (type.equals("IDAT")) {
                seenData = true;
            } else if (type.equals("IEND")) {
                return seenData ? new Layout(ihdr, icc, null, null, null, null)
                        : body(ihdr, icc, RejectionReason.DECODE_FAILED, "PNG has no IDAT chunk: no image data");
            }
            pos = (int) end;
        }
    }

    /** PNG 11.2.2: allowed bit depth per colour type, and the only defined methods. */
    private static String invalidIhdr(Ihdr h, int compression, int filter) {
        if (h.width() < 1 || h.height() < 1 || h.width() > Integer.MAX_VALUE || h.height() > Integer.MAX_VALUE) {
            return "size " + h.width() + "x" + h.height();
        }
        int[] depths = switch (h.colourType()) {
            case 0 -> new int[] {1, 2, 4, 8, 16};
            case 3 -> new int[] {1, 2, 4, 8};
            case 2, 4, 6 -> new int[] {8, 16};
            default -> null;
        };
        if (depths == null) {
            return "colour type " + h.colourType();
        }
        if (java.util.Arrays.stream(depths).noneMatch(d -> d == h.bitDepth())) {
            return "bit depth " + h.bitDepth() + " for colour type " + h.colourType();
        }
        if (compression != 0 || filter != 0 || h.interlace() > 1) {
            return "compression/filter/interlace method " + compression + "/" + filter + "/" + h.interlace();
        }
        return null;
    }

    /**
     * The profile bytes of an iCCP chunk's data (name, NUL, compression method 0, zlib stream),
     * inflated at most to {@link #MAX_ICC_PROFILE_BYTES}; null when the layout, the method or the
     * stream is bad, or the inflation grows past that bound.
     */
    static byte[] iccpProfileBytes(byte[] iccp) {
        int nul = 0;
        while (nul < iccp.length && nul <= MAX_ICC_PROFILE_NAME && iccp[nul] != 0) {
            nul++;
        }
        if (nul == 0 || nul > MAX_ICC_PROFILE_NAME || nul + 2 > iccp.length || iccp[nul] != 0 || iccp[nul + 1] != 0) {
            return null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(iccp, nul + 2, iccp.length - nul - 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_ICC_PROFILE_BYTES) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    private static String chunkType(byte[] b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int v = b[at + i] & 0xff;
            if (!((v >= 'A' && v <= 'Z') || (v >= 'a' && v <= 'z'))) {
                return null;
            }
            c[i] = (char) v;
        }
        return new String(c);
    }

    private static Layout header(String problem) {
        return new Layout(null, null, RejectionReason.CORRUPT_HEADER, problem, null, null);
    }

    private static Layout body(Ihdr ihdr, byte[] icc, RejectionReason reason, String problem) {
        return new Layout(ihdr, icc, null, null, reason, problem);
    }

    static long u32(byte[] b, int i) {
        return (b[i] & 0xffL) << 24 | (b[i + 1] & 0xffL) << 16 | (b[i + 2] & 0xffL) << 8 | (b[i + 3] & 0xffL);
    }
}
