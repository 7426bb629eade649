package org.lesionsim.imaging;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * JPEGs and PNGs with a patient's identifiers planted in every metadata block a real file may
 * carry (EXIF with a GPS IFD, XMP, IPTC, comments, ICC text, thumbnails, PNG text chunks, private
 * chunks, payloads after the end), and the search for them in every text encoding. Public so the
 * ingest service's tests can upload the same files.
 */
public final class PlantedIdentifiers {
    public static final String NAME = "DOE^JANE";
    public static final String MRN = "MRN-4711-0815";
    /** GPS latitude 48° 8' 12.34" as the three EXIF RATIONALs, big-endian: found as raw bytes. */
    public static final byte[] GPS_LATITUDE = ByteBuffer.allocate(24)
            .putInt(48).putInt(1).putInt(8).putInt(1).putInt(1234).putInt(100).array();
    public static final List<String> TEXT = List.of(NAME, MRN);
    private static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE,
            StandardCharsets.UTF_16LE, StandardCharsets.ISO_8859_1);

    private PlantedIdentifiers() {
    }

    /** The identifiers (and the GPS bytes) found in {@code bytes}, each with the encoding it was found in. */
    public static List<String> foundIn(byte[] bytes) {
        List<String> found = new ArrayList<>();
        for (String id : TEXT) {
            for (Charset cs : ENCODINGS) {
                if (indexOf(bytes, id.getBytes(cs)) >= 0) {
                    found.add(id + " (" + cs + ")");
                }
            }
        }
        if (indexOf(bytes, GPS_LATITUDE) >= 0 || indexOf(bytes, littleEndianRationals()) >= 0) {
            found.add("GPS latitude");
        }
        return found;
    }

    public static boolean containsIdentifier(String text) {
        return TEXT.stream().anyMatch(text::contains);
    }

    /** A TIFF structure: IFD0 with orientation, an ImageDescription naming the patient, and a GPS IFD. */
    public static byte[] exifTiff(int orientation, ByteOrder order) {
        byte[] description = (NAME + " " + MRN + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0 = 8;
        int ifd0Length = 2 + 3 * 12 + 4;
        int descriptionAt = ifd0 + ifd0Length;
        int gpsIfd = descriptionAt + description.length + (description.length % 2);
        int gpsLength = 2 + 2 * 12 + 4;
        int rationalsAt = gpsIfd + gpsLength;
        ByteBuffer t = ByteBuffer.allocate(rationalsAt + 24).order(order);
        t.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'}).putShort((short) 42).putInt(ifd0);
        t.putShort((short) 3);
        t.putShort((short) 0x010E).putShort((short) 2).putInt(description.length).putInt(descriptionAt);
        t.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        t.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
        t.putInt(0);
        t.put(description);
        t.position(gpsIfd);
        t.putShort((short) 2);
        t.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        t.putShort((short) 2).putShort((short) 5).putInt(3).putInt(rationalsAt);
        t.putInt(0);
        ByteBuffer rationals = ByteBuffer.wrap(GPS_LATITUDE).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 6; i++) {
            t.putInt(rationals.getInt(4 * i));
        }
        return t.array();
    }

    private static byte[] littleEndianRationals() {
        ByteBuffer be = ByteBuffer.wrap(GPS_LATITUDE);
        ByteBuffer le = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            le.putInt(be.getInt(4 * i));
        }
        return le.array();
    }

    /** A real profile ({@link ColorSpace#CS_sRGB} or CS_LINEAR_RGB) whose text tags name the patient, in all three text types. */
    public static byte[] iccProfile(int colourSpace) {
        byte[] profile = ICC_Profile.getInstance(colourSpace).getData();
        Map<String, byte[]> tags = new LinkedHashMap<>();
        tags.put("desc", descTag(NAME + " " + MRN, NAME + " " + MRN));
        tags.put("cprt", textTag("Copyright " + NAME + " " + MRN));
        tags.put("dmnd", mlucTag(NAME + " " + MRN));
        tags.put("dmdd", mlucTag(MRN));
        return withTags(profile, tags);
    }

    /** {@code profile} with the named tags' data appended at its end and their table entries pointed at it (tags it lacks are skipped). */
    static byte[] withTags(byte[] profile, Map<String, byte[]> tags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(profile);
        ByteBuffer b = ByteBuffer.wrap(profile.clone());
        int count = b.getInt(128);
        for (Map.Entry<String, byte[]> tag : tags.entrySet()) {
            for (int t = 0; t < count; t++) {
                int entry = 132 + 12 * t;
                if (new String(profile, entry, 4, StandardCharsets.US_ASCII).equals(tag.getKey())) {
                    while (out.size() % 4 != 0) {
                        out.write(0);
                    }
                    b.putInt(entry + 4, out.size()).putInt(entry + 8, tag.getValue().length);
                    out.writeBytes(tag.getValue());
                }
            }
        }
        byte[] result = out.toByteArray();
        System.arraycopy(b.array(), 0, result, 0, profile.length);
        ByteBuffer.wrap(result).putInt(0, result.length);
        return result;
    }

    static byte[] descTag(String ascii, String unicode) {
        byte[] a = (ascii + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] u = unicode.getBytes(StandardCharsets.UTF_16BE);
        ByteBuffer t = ByteBuffer.allocate(8 + 4 + a.length + 8 + u.length + 3 + 67);
        t.put("desc".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(a.length).put(a);
        t.putInt(0x656E5553).putInt(unicode.length()).put(u); // "enUS"
        t.putShort((short) 0).put((byte) ascii.length());
        t.put(Arrays.copyOf(ascii.getBytes(StandardCharsets.US_ASCII), 67));
        return t.array();
    }

    static byte[] textTag(String text) {
        byte[] s = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + s.length).put("text".getBytes(StandardCharsets.US_ASCII)).putInt(0).put(s).array();
    }

    static byte[] mlucTag(String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_16BE);
        return ByteBuffer.allocate(16 + 12 + s.length).put("mluc".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .putInt(1).putInt(12).putShort((short) 0x656E).putShort((short) 0x5553).putInt(s.length).putInt(28).put(s).array();
    }

    /** A JPEG marker segment: marker, length, payload. */
    public static byte[] segment(int marker, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).put((byte) 0xFF).put((byte) marker)
                .putShort((short) (payload.length + 2)).put(payload).array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** APP2 ICC_PROFILE segments holding {@code profile} split into {@code chunks} near-equal parts. */
    public static List<byte[]> iccSegments(byte[] profile, int chunks) {
        List<byte[]> segments = new ArrayList<>();
        int per = (profile.length + chunks - 1) / chunks;
        for (int i = 0; i < chunks; i++) {
            byte[] part = Arrays.copyOfRange(profile, i * per, Math.min(profile.length, (i + 1) * per));
            segments.add(segment(0xE2, concat(ascii("ICC_PROFILE\0"), new byte[] {(byte) (i + 1), (byte) chunks}, part)));
        }
        return segments;
    }

    /** Identifiers in every JPEG place: header segments (ICC split over {@code iccChunks}) and payloads after EOI. */
    public static byte[] plantedJpeg(byte[] imageIoJpeg, int orientation, int colourSpace, int iccChunks) {
        if ((imageIoJpeg[3] & 0xff) != 0xE0 || (imageIoJpeg[5] & 0xff) != 16) {
            throw new IllegalArgumentException("expected ImageIO's 16-byte JFIF APP0 right after SOI");
        }
        List<byte[]> header = new ArrayList<>();
        byte[] thumbnail = Arrays.copyOf(ascii(NAME + MRN), 2 * 4 * 3); // 2x4 RGB thumbnail "pixels"
        header.add(segment(0xE0, concat(ascii("JFIF\0"), new byte[] {1, 2, 0, 0, 1, 0, 1, 2, 4}, thumbnail)));
        header.add(segment(0xE0, concat(ascii("JFXX\0"), new byte[] {0x10}, ascii(MRN))));
        header.add(segment(0xE1, concat(ascii("Exif\0\0"), exifTiff(orientation, ByteOrder.BIG_ENDIAN))));
        header.add(segment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"),
                ("<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:creator>" + NAME + "</dc:creator><pid>" + MRN + "</pid></x:xmpmeta>")
                        .getBytes(StandardCharsets.UTF_8))));
        header.add(segment(0xE1, concat(ascii("http://ns.adobe.com/xmp/extension/\0"), ascii("0123456789ABCDEF0123456789ABCDEF"),
                new byte[] {0, 0, 0, 20, 0, 0, 0, 0}, MRN.getBytes(StandardCharsets.UTF_16LE))));
        header.addAll(iccSegments(iccProfile(colourSpace), iccChunks));
        header.add(segment(0xE2, concat(ascii("MPF\0"), ascii("MM"), ascii(NAME))));
        header.add(segment(0xED, concat(ascii("Photoshop 3.0\08BIM"), new byte[] {4, 4, 0, 0, 0, 0, 0, 13, 0x1C, 2, 5, 0, 8},
                ascii(NAME))));
        header.add(segment(0xEE, concat(ascii("Adobe"), new byte[] {0, 100, 0, 0, 0, 0, 1}, ascii(MRN)))); // transform 1: YCbCr
        header.add(segment(0xEF, ascii("ocad$" + MRN)));
        header.add(segment(0xFE, ("Patient " + NAME + " " + MRN).getBytes(StandardCharsets.UTF_16BE)));
        header.add(segment(0xFE, ascii("Patient " + NAME + " " + MRN)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        header.forEach(out::writeBytes);
        out.write(imageIoJpeg, 20, imageIoJpeg.length - 20);
        out.writeBytes(trailer());
        return out.toByteArray();
    }

    /** What some files carry after their end: an MPF second image with a comment, an HTML page, a ZIP. */
    public static byte[] trailer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        out.writeBytes(segment(0xFE, ascii(NAME)));
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        out.writeBytes(("<html><body>" + NAME + " " + MRN + "</body></html>").getBytes(StandardCharsets.UTF_8));
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry = new ZipEntry(NAME + ".txt");
            entry.setMethod(ZipEntry.STORED);
            byte[] text = ascii(MRN);
            entry.setSize(text.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(text);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(text);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** iCCP chunk data: a profile name, NUL, method 0, the zlib-compressed profile. */
    public static byte[] iccp(String name, byte[] profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(concat(ascii(name), new byte[] {0, 0}));
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater())) {
            z.write(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater())) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] inflate(byte[] zlib, int from) {
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(zlib, from, zlib.length - from))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Identifiers in every PNG place: iCCP (name and profile text), text chunks, eXIf, tIME, a private chunk, after IEND. */
    public static byte[] plantedPng(byte[] imageIoPng, int orientation, int colourSpace) {
        List<byte[]> chunks = TestImages.chunksOf(imageIoPng);
        List<byte[]> planted = new ArrayList<>();
        planted.add(chunks.get(0)); // IHDR
        planted.add(TestImages.pngChunk("iCCP", iccp(NAME + " " + MRN, iccProfile(colourSpace))));
        planted.add(TestImages.pngChunk("gAMA", ByteBuffer.allocate(4).putInt(45455).array()));
        planted.add(TestImages.pngChunk("pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1}));
        planted.add(TestImages.pngChunk("tEXt", ascii("Author\0" + NAME)));
        planted.add(TestImages.pngChunk("zTXt", concat(ascii("Comment\0\0"), deflate(ascii(MRN)))));
        planted.add(TestImages.pngChunk("iTXt", concat(ascii("Patient\0\0\0en\0Patient\0"), (NAME + " " + MRN).getBytes(StandardCharsets.UTF_8))));
        planted.add(TestImages.pngChunk("eXIf", exifTiff(orientation, ByteOrder.LITTLE_ENDIAN)));
        planted.add(TestImages.pngChunk("tIME", new byte[] {0x07, (byte) 0xE8, 3, 14, 9, 30, 0}));
        planted.add(TestImages.pngChunk("prVt", MRN.getBytes(StandardCharsets.UTF_16LE)));
        planted.add(TestImages.pngChunk("gAMA", ascii(NAME))); // an allowed chunk holding what it should not
        for (int i = 1; i < chunks.size() - 1; i++) {
            planted.add(chunks.get(i)); // IDATs
        }
        planted.add(TestImages.pngChunk("tEXt", ascii("Comment\0" + MRN)));
        planted.add(chunks.get(chunks.size() - 1)); // IEND
        return concat(TestImages.png(planted.toArray(byte[][]::new)), trailer());
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
