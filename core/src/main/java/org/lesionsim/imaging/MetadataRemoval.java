package org.lesionsim.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * De-identification at the edge: removes every metadata block from a JPEG or PNG before it is
 * stored, without re-encoding, so the pixels a decoder produces are exactly those of the upload.
 * What a camera, a phone, a PACS export or an editing tool writes there (patient name and MRN in
 * EXIF, XMP, IPTC or a comment, GPS position, capture time, a thumbnail of the uncropped scene,
 * a second image or an HTML/ZIP payload after the end) must not reach the store.
 *
 * <p>It works by allow-list: what the decoder needs is copied, everything else is dropped and
 * named in {@link StrippedImage#removed()}.
 * <ul>
 *   <li><b>JPEG</b> (ITU T.81 B.1, walked by {@link JpegSegments}): SOI; DQT, DHT, DAC, DRI, DNL
 *       and SOFn; SOS with its entropy-coded data, RSTn included, and the segments between
 *       progressive scans; EOI. APP14 "Adobe" is kept cut to its 12 bytes (version, flags, colour
 *       transform: how to read the components, no text). APP0 "JFIF" is kept rewritten to its
 *       16-byte form without thumbnail. Dropped: APP1 (Exif, XMP, extended XMP), APP2 other than
 *       ICC_PROFILE (MPF, FlashPix), APP3..APP13 (IPTC/Photoshop in APP13), APP15, JFXX APP0
 *       extensions, COM, any other marker, and every byte after EOI.</li>
 *   <li><b>PNG</b> (PNG spec 5, walked by {@link PngChunks}): the signature, IHDR, PLTE, IDAT and
 *       IEND as they were, and the ancillary chunks that are numbers only (tRNS, gAMA, cHRM, sRGB,
 *       sBIT, bKGD, pHYs) when their length and CRC are right. Dropped: tEXt, zTXt, iTXt, eXIf,
 *       tIME, every private or unknown chunk, and every byte after IEND.</li>
 * </ul>
 * The EXIF orientation (JPEG APP1 Exif, PNG eXIf) is read before the block goes and returned, so
 * the case event can carry it to preprocessing ({@link ImagePreprocessor}).
 *
 * <p><b>ICC profiles are kept, with their text blanked.</b> An embedded profile says what the
 * samples' colours are ({@link SrgbConversion} converts through it), and colour is diagnostic in
 * dermoscopy: dropping a wide-gamut or linear profile would shift every colour of the lesion. But
 * a profile carries free text (description, copyright, device and viewing-condition names) that
 * a calibration tool or a person may have filled with a name. So the profile is parsed (header
 * and tag table, ICC.1:2010 section 7) and every tag of a text type ({@code desc}, {@code text},
 * {@code mluc}) is overwritten with spaces in place, and the profile ID is zeroed
 * ({@link IccProfileText}); curves, matrices and LUTs are untouched, so the decoded pixels are the
 * same as with the original profile. A JPEG profile split over several APP2 chunks is reassembled,
 * blanked and written back into the same chunks; a PNG iCCP profile is inflated (bounded like the
 * decoder's), blanked, deflated again and stored under the name "ICC profile" (the original name
 * is free text too). A profile that cannot be parsed, or whose chunks are incomplete, cannot be
 * vouched for and is dropped: the decoder then takes the samples as sRGB.
 *
 * <p>A container the decoder would refuse is refused here with the same {@link RejectionReason}
 * ({@link ImageRejectedException}), never another exception, so nothing unreadable is stored.
 * Idempotent: stripping a stripped image returns the same bytes. Stateless and thread-safe.
 */
public final class MetadataRemoval {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final String ICC_MARK = "ICC_PROFILE\0";
    /** APP2 ICC_PROFILE: the mark, then the chunk's sequence number (1-based) and the chunk count. */
    private static final int ICC_CHUNK_HEADER = ICC_MARK.length() + 2;
    /** JFIF APP0 payload without thumbnail: "JFIF\0", version (2), units, X and Y density (2 + 2), thumbnail size (1 + 1). */
    private static final int JFIF_PAYLOAD = 14;
    /** APP14 Adobe payload: "Adobe", version (2), flags0 (2), flags1 (2), colour transform (1). */
    private static final int ADOBE_PAYLOAD = 12;
    private static final byte[] PNG_ICC_NAME = "ICC profile".getBytes(StandardCharsets.ISO_8859_1);

    /** Ancillary PNG chunks that hold numbers only, with the data lengths PNG 11.3 allows for them. */
    private static final Map<String, Set<Integer>> NUMERIC_CHUNKS = Map.of(
            "gAMA", Set.of(4), "cHRM", Set.of(32), "sRGB", Set.of(1), "pHYs", Set.of(9),
            "sBIT", Set.of(1, 2, 3, 4), "bKGD", Set.of(1, 2, 6));
    private static final int MAX_TRNS = 256;

    private MetadataRemoval() {
    }

    /** The image without its metadata; refused with the decoder's reason when the container is broken. */
    public static StrippedImage strip(byte[] original) {
        ImageFormat format = ImageFormat.sniff(original);
        return format == ImageFormat.JPEG ? stripJpeg(original) : stripPng(original);
    }

    private static StrippedImage stripJpeg(byte[] b) {
        JpegSegments.Header header = JpegSegments.readHeader(b);
        if (!header.ok()) {
            throw new ImageRejectedException(header.problemReason(), header.problem());
        }
        if (header.frame() == null) {
            throw new ImageRejectedException(RejectionReason.CORRUPT_HEADER, "JPEG has no start-of-frame header before its image data");
        }
        JpegSegments.Body body = JpegSegments.readBody(b, header.scanDataStart());
        if (!body.reachesEndOfImage()) {
            throw new ImageRejectedException(RejectionReason.TRUNCATED, "JPEG ends before its end-of-image marker (file truncated?)");
        }
        List<String> removed = new ArrayList<>();
        Map<Integer, byte[]> iccChunks = blankedIccChunks(b, header.segments(), removed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(0xFF);
        out.write(JpegSegments.SOI);
        for (JpegSegments.Segment s : header.segments()) {
            writeKept(b, s, iccChunks, true, out, removed);
        }
        int entropyFrom = header.scanDataStart();
        for (JpegSegments.Segment s : body.segments()) {
            out.write(b, entropyFrom, s.offset() - entropyFrom);
            writeKept(b, s, Map.of(), false, out, removed); // a profile belongs before the frame: one after the first scan goes
            entropyFrom = s.payloadEnd();
        }
        int end = body.endOfImage() + 2;
        out.write(b, entropyFrom, end - entropyFrom);
        if (end < b.length) {
            removed.add("trailing " + (b.length - end) + " bytes");
        }
        return new StrippedImage(out.toByteArray(), ImageFormat.JPEG, ExifOrientation.read(b), removed);
    }

    /**
     * Writes segment {@code s} as it is, rewritten, or not at all (then naming it in {@code removed};
     * a dropped header profile was named once, with its reason, by {@link #blankedIccChunks}).
     */
    private static void writeKept(byte[] b, JpegSegments.Segment s, Map<Integer, byte[]> iccChunks, boolean inHeader,
                                  ByteArrayOutputStream out, List<String> removed) {
        int m = s.marker();
        int p = s.payloadStart();
        boolean tables = m == 0xDB || m == 0xC4 || m == 0xCC || m == 0xDD || m == 0xDC || m == JpegSegments.SOS;
        boolean frame = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (tables || frame) {
            out.write(b, s.offset(), s.payloadEnd() - s.offset());
        } else if (m == 0xE0 && startsWith(b, p, s.payloadEnd(), "JFIF\0") && s.payloadLength() >= JFIF_PAYLOAD) {
            byte[] jfif = Arrays.copyOfRange(b, p, p + JFIF_PAYLOAD);
            if (s.payloadLength() > JFIF_PAYLOAD || jfif[12] != 0 || jfif[13] != 0) {
                removed.add("APP0 JFIF thumbnail");
            }
            jfif[12] = 0;
            jfif[13] = 0;
            writeSegment(out, m, jfif);
        } else if (m == 0xEE && startsWith(b, p, s.payloadEnd(), "Adobe") && s.payloadLength() >= ADOBE_PAYLOAD) {
            if (s.payloadLength() > ADOBE_PAYLOAD) {
                removed.add("APP14 Adobe extra " + (s.payloadLength() - ADOBE_PAYLOAD) + " bytes");
            }
            writeSegment(out, m, Arrays.copyOfRange(b, p, p + ADOBE_PAYLOAD));
        } else if (iccChunks.containsKey(s.offset())) {
            writeSegment(out, m, iccChunks.get(s.offset()));
        } else if (!(inHeader && m == 0xE2 && startsWith(b, p, s.payloadEnd(), ICC_MARK))) {
            removed.add(segmentName(b, s));
        }
    }

    /**
     * The header's APP2 ICC_PROFILE chunks, reassembled in sequence order, blanked and cut back
     * into the same chunks: payload per segment offset. Empty when there is none, and also (the
     * profile then named in {@code removed} with the reason) when the chunks are inconsistent or
     * the profile cannot be parsed.
     */
    private static Map<Integer, byte[]> blankedIccChunks(byte[] b, List<JpegSegments.Segment> segments, List<String> removed) {
        List<JpegSegments.Segment> chunks = new ArrayList<>();
        for (JpegSegments.Segment s : segments) {
            if (s.marker() == 0xE2 && startsWith(b, s.payloadStart(), s.payloadEnd(), ICC_MARK)) {
                chunks.add(s);
            }
        }
        if (chunks.isEmpty()) {
            return Map.of();
        }
        JpegSegments.Segment[] bySequence = new JpegSegments.Segment[chunks.size()];
        for (JpegSegments.Segment s : chunks) {
            int sequence = s.payloadLength() >= ICC_CHUNK_HEADER ? b[s.payloadStart() + ICC_MARK.length()] & 0xff : 0;
            int count = s.payloadLength() >= ICC_CHUNK_HEADER ? b[s.payloadStart() + ICC_MARK.length() + 1] & 0xff : 0;
            if (count != chunks.size() || sequence < 1 || sequence > count || bySequence[sequence - 1] != null) {
                removed.add("APP2 ICC_PROFILE (chunks incomplete or inconsistent)");
                return Map.of();
            }
            bySequence[sequence - 1] = s;
        }
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        for (JpegSegments.Segment s : bySequence) {
            assembled.write(b, s.payloadStart() + ICC_CHUNK_HEADER, s.payloadLength() - ICC_CHUNK_HEADER);
        }
        byte[] blanked = IccProfileText.blanked(assembled.toByteArray());
        if (blanked == null) {
            removed.add("APP2 ICC_PROFILE (unparseable)");
            return Map.of();
        }
        Map<Integer, byte[]> payloads = new HashMap<>();
        int at = 0;
        for (JpegSegments.Segment s : bySequence) {
            int length = s.payloadLength() - ICC_CHUNK_HEADER;
            byte[] payload = new byte[ICC_CHUNK_HEADER + length];
            System.arraycopy(b, s.payloadStart(), payload, 0, ICC_CHUNK_HEADER);
            System.arraycopy(blanked, at, payload, ICC_CHUNK_HEADER, length);
            payloads.put(s.offset(), payload);
            at += length;
        }
        return payloads;
    }

    /** What a dropped segment is, from its marker and, for APPn, its well-known identifier; never its contents. */
    private static String segmentName(byte[] b, JpegSegments.Segment s) {
        int m = s.marker();
        if (m == 0xFE) {
            return "COM";
        }
        if (m < 0xE0 || m > 0xEF) {
            return String.format("marker 0x%02X", m);
        }
        int p = s.payloadStart();
        int end = s.payloadEnd();
        String app = "APP" + (m - 0xE0);
        String[][] known = {
            {"Exif\0", "Exif"}, {"http://ns.adobe.com/xap/1.0/\0", "XMP"}, {"http://ns.adobe.com/xmp/extension/\0", "extended XMP"},
            {ICC_MARK, "ICC_PROFILE"}, {"MPF\0", "MPF"}, {"JFXX\0", "JFXX"}, {"JFIF\0", "JFIF"}, {"Photoshop 3.0\0", "Photoshop/IPTC"},
            {"Adobe", "Adobe"}, {"FPXR\0", "FlashPix"}, {"Ducky", "Ducky"},
        };
        for (String[] k : known) {
            if (startsWith(b, p, end, k[0])) {
                return app + " " + k[1];
            }
        }
        return app;
    }

    private static void writeSegment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(payload);
    }

    private static StrippedImage stripPng(byte[] b) {
        PngChunks.Layout layout = PngChunks.read(b);
        if (layout.headerProblem() != null) {
            throw new ImageRejectedException(layout.headerProblemReason(), layout.headerProblem());
        }
        if (layout.bodyProblem() != null) {
            throw new ImageRejectedException(layout.bodyProblemReason(), layout.bodyProblem());
        }
        List<String> removed = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.writeBytes(PNG_SIGNATURE);
        int orientation = 0;
        boolean seenData = false;
        boolean seenProfile = false;
        CRC32 crc = new CRC32();
        int pos = PngChunks.SIGNATURE_LENGTH;
        while (true) { // PngChunks.read checked every length and type up to IEND
            int length = (int) PngChunks.u32(b, pos);
            String type = new String(b, pos + 4, 4, StandardCharsets.US_ASCII);
            int data = pos + 8;
            int end = data + length + 4;
            crc.reset();
            crc.update(b, pos + 4, 4 + length);
            boolean crcOk = crc.getValue() == PngChunks.u32(b, data + length);
            switch (type) {
                case "IHDR", "PLTE", "IDAT", "IEND" -> out.write(b, pos, end - pos);
                case "iCCP" -> {
                    byte[] blanked = crcOk && !seenProfile && !seenData
                            ? blankedIccp(Arrays.copyOfRange(b, data, data + length)) : null;
                    if (blanked != null) {
                        writeChunk(out, "iCCP", blanked);
                    } else {
                        removed.add(seenProfile || seenData ? "iCCP (second or after image data)" : "iCCP (unparseable)");
                    }
                    seenProfile = true;
                }
                case "eXIf" -> {
                    if (orientation == 0 && crcOk) {
                        orientation = ExifOrientation.fromTiff(b, data, data + length);
                    }
                    removed.add(type);
                }
                default -> {
                    boolean numeric = type.equals("tRNS") || NUMERIC_CHUNKS.containsKey(type);
                    boolean wellFormed = crcOk && (type.equals("tRNS") ? length <= MAX_TRNS : numeric && NUMERIC_CHUNKS.get(type).contains(length));
                    if (wellFormed) {
                        out.write(b, pos, end - pos);
                    } else {
                        removed.add(numeric ? type + " (malformed)" : type); // a longer gAMA could carry anything
                    }
                }
            }
            seenData |= type.equals("IDAT");
            if (type.equals("IEND")) {
                if (end < b.length) {
                    removed.add("trailing " + (b.length - end) + " bytes");
                }
                return new StrippedImage(out.toByteArray(), ImageFormat.PNG, orientation == 0 ? 1 : orientation, removed);
            }
            pos = end;
        }
    }

    /** The iCCP data with its profile blanked and renamed, or null when the profile cannot be read or parsed. */
    private static byte[] blankedIccp(byte[] iccp) {
        byte[] profile = PngChunks.iccpProfileBytes(iccp);
        byte[] blanked = profile == null ? null : IccProfileText.blanked(profile);
        if (blanked == null) {
            return null;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(PNG_ICC_NAME);
        data.write(0); // name terminator
        data.write(0); // compression method: zlib
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(blanked);
            deflater.finish();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                data.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        return data.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeU32(out, data.length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        writeU32(out, crc.getValue());
    }

    private static void writeU32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >> 24) & 0xff);
        out.write((int) (v >> 16) & 0xff);
        out.write((int) (v >> 8) & 0xff);
        out.write((int) v & 0xff);
    }

    private static boolean startsWith(byte[] b, int from, int end, String ascii) {
        if (end - from < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
