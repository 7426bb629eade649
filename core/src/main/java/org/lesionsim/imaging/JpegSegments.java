package org.lesionsim.imaging;

import java.util.ArrayList;
import java.util.List;

/**
 * The marker segments of a JPEG file (ITU T.81 B.1), read without decoding: the header segments
 * from SOI up to the first start-of-scan, and whether the entropy-coded data that follows reaches
 * an end-of-image marker. Never throws: a malformed file is described by {@link Header#problem()}.
 */
final class JpegSegments {
    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int APP1 = 0xE1;

    /** One segment: its marker and where its payload (after the two length bytes) lies. */
    record Segment(int marker, int offset, int payloadStart, int payloadEnd) {
        int payloadLength() {
            return payloadEnd - payloadStart;
        }
    }

    /**
     * The header segments in file order; {@code scanDataStart} is the first byte of entropy-coded
     * data, or -1 with {@code problem}/{@code problemReason} set when the header is broken.
     */
    record Header(List<Segment> segments, int scanDataStart, RejectionReason problemReason, String problem) {
        boolean ok() {
            return problem == null;
        }

        /** The first start-of-frame segment (SOF0..SOF15 except DHT, JPG, DAC), or null. */
        Segment frame() {
            for (Segment s : segments) {
                int m = s.marker();
                if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                    return s;
                }
            }
            return null;
        }
    }

    private JpegSegments() {
    }

    /** Walks the marker segments from SOI to the first SOS. */
    static Header readHeader(byte[] b) {
        List<Segment> segments = new ArrayList<>();
        if (b.length < 2 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != SOI) {
            return broken(segments, RejectionReason.CORRUPT_HEADER, "JPEG does not start with SOI");
        }
        int pos = 2;
        while (true) {
            if (pos >= b.length) {
                return broken(segments, RejectionReason.TRUNCATED, "JPEG ends inside its header, before any image data");
            }
            if ((b[pos] & 0xff) != 0xFF) {
                return broken(segments, RejectionReason.CORRUPT_HEADER, "JPEG header: expected a marker at byte " + pos);
            }
            while (pos + 1 < b.length && (b[pos + 1] & 0xff) == 0xFF) {
                pos++; // fill bytes before a marker are legal
            }
            if (pos + 1 >= b.length) {
                return broken(segments, RejectionReason.TRUNCATED, "JPEG ends inside its header, before any image data");
            }
            int marker = b[pos + 1] & 0xff;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2; // TEM and RSTn stand alone, without a length
                continue;
            }
            if (marker == 0x00 || marker == SOI || marker == EOI) {
                return broken(segments, RejectionReason.CORRUPT_HEADER,
                        String.format("JPEG header: marker 0x%02X at byte %d before any image data", marker, pos));
            }
            if (pos + 4 > b.length) {
                return broken(segments, RejectionReason.TRUNCATED, "JPEG ends inside its header, before any image data");
            }
            int length = (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
            if (length < 2) {
                return broken(segments, RejectionReason.CORRUPT_HEADER,
                        String.format("JPEG header: segment 0x%02X at byte %d has length %d", marker, pos, length));
            }
            if (pos + 2 + length > b.length) {
                return broken(segments, RejectionReason.TRUNCATED, "JPEG ends inside its header, before any image data");
            }
            segments.add(new Segment(marker, pos, pos + 4, pos + 2 + length));
            pos += 2 + length;
            if (marker == SOS) {
                return new Header(List.copyOf(segments), pos, null, null);
            }
        }
    }

    /**
     * What follows the first start-of-scan: the marker segments between scans (a progressive
     * JPEG's further DHT and SOS, or tables and APPn/COM a writer put there) in file order, and
     * where the EOI marker lies, or -1 when the data never reaches it. Everything between two of
     * these segments, and between the last one and EOI, is entropy-coded data.
     */
    record Body(List<Segment> segments, int endOfImage) {
        boolean reachesEndOfImage() {
            return endOfImage >= 0;
        }
    }

    /**
     * Walks the data from {@code scanDataStart} to EOI: entropy-coded bytes are skipped (0xFF00
     * stuffing, RSTn, fill bytes), segments between progressive scans are jumped by their length.
     * A segment that runs past the end of the bytes ends the walk without EOI.
     */
    static Body readBody(byte[] b, int scanDataStart) {
        List<Segment> segments = new ArrayList<>();
        int i = scanDataStart;
        while (i + 1 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                i++;
                continue;
            }
            int next = b[i + 1] & 0xff;
            if (next == EOI) {
                return new Body(List.copyOf(segments), i);
            }
            if (next == 0x00 || next == 0xFF || (next >= 0xD0 && next <= 0xD7)) {
                i += next == 0xFF ? 1 : 2;
                continue;
            }
            if (i + 4 > b.length) {
                break;
            }
            int length = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
            if (length < 2 || i + 2 + length > b.length) {
                break;
            }
            segments.add(new Segment(next, i, i + 4, i + 2 + length));
            i += 2 + length;
        }
        return new Body(List.copyOf(segments), -1);
    }

    /** Whether the data from {@code scanDataStart} reaches EOI; bytes after EOI (padding, trailers) do not matter. */
    static boolean reachesEndOfImage(byte[] b, int scanDataStart) {
        return readBody(b, scanDataStart).reachesEndOfImage();
    }

    private static Header broken(List<Segment> segments, RejectionReason reason, String problem) {
        return new Header(List.copyOf(segments), -1, reason, problem);
    }
}
