package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lesionsim.imaging.PlantedIdentifiers.ascii;
import static org.lesionsim.imaging.PlantedIdentifiers.concat;
import static org.lesionsim.imaging.PlantedIdentifiers.segment;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Metadata removal leaves no identifier in any metadata block or trailer, in any encoding, and
 * changes no pixel: the entropy-coded data and IDAT are the same bytes, and the kept ICC profile
 * still gives the same sRGB colours.
 */
class MetadataRemovalTest {
    private static final BufferedImage PICTURE = textured(48, 40);
    private static final byte[] BASELINE = TestImages.jpeg(PICTURE);
    private static final byte[] PROGRESSIVE = progressiveJpeg(PICTURE);
    private static final byte[] PNG = TestImages.encode(PICTURE, "png");
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void aBaselineJpegLosesEveryIdentifierAndKeepsItsPixels() throws Exception {
        byte[] planted = PlantedIdentifiers.plantedJpeg(BASELINE, 6, ColorSpace.CS_sRGB, 1);
        assertThat(PlantedIdentifiers.foundIn(planted)).as("the test plants them").isNotEmpty();

        StrippedImage out = MetadataRemoval.strip(planted);

        assertThat(PlantedIdentifiers.foundIn(out.bytes())).isEmpty();
        assertThat(out.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(out.exifOrientation()).isEqualTo(6);
        assertThat(out.removed()).contains("APP0 JFIF thumbnail", "APP0 JFXX", "APP1 Exif", "APP1 XMP", "APP1 extended XMP",
                "APP2 MPF", "APP13 Photoshop/IPTC", "APP14 Adobe extra 13 bytes", "APP15", "COM");
        assertThat(out.removed()).anySatisfy(r -> assertThat(r).matches("trailing \\d+ bytes"));
        assertThat(out.removed()).noneMatch(PlantedIdentifiers::containsIdentifier);
        List<Integer> imageIo = segmentMarkers(BASELINE);
        assertThat(segmentMarkers(out.bytes())).as("JFIF, the profile, Adobe, then ImageIO's tables, frame and scan")
                .isEqualTo(concatMarkers(List.of(0xE0, 0xE2, 0xEE), imageIo.subList(1, imageIo.size())));
        assertThat(scanData(out.bytes())).isEqualTo(scanData(planted));
        assertThat(raster(out.bytes())).isEqualTo(raster(planted));
        assertThat(decoder.decode(out.bytes()).image().getRGB(0, 0, 48, 40, null, 0, 48))
                .isEqualTo(decoder.decode(planted).image().getRGB(0, 0, 48, 40, null, 0, 48));
    }

    @Test
    void aProgressiveJpegKeepsItsScansAndItsMultiChunkProfileStillConvertsColours() throws Exception {
        byte[] planted = PlantedIdentifiers.plantedJpeg(PROGRESSIVE, 3, ColorSpace.CS_LINEAR_RGB, 3);
        planted = withCommentBeforeLastScan(planted);
        JpegSegments.Header header = JpegSegments.readHeader(planted);
        assertThat(JpegSegments.readBody(planted, header.scanDataStart()).segments()).as("progressive: scans after the first")
                .hasSizeGreaterThan(2);

        StrippedImage out = MetadataRemoval.strip(planted);

        assertThat(PlantedIdentifiers.foundIn(out.bytes())).isEmpty();
        assertThat(out.exifOrientation()).isEqualTo(3);
        assertThat(segmentMarkers(out.bytes()).stream().filter(m -> m == 0xE2)).as("the profile in its three chunks").hasSize(3);
        assertThat(scanData(out.bytes())).isEqualTo(scanData(planted));
        assertThat(raster(out.bytes())).isEqualTo(raster(planted));
        int[] stripped = decoder.decode(out.bytes()).image().getRGB(0, 0, 48, 40, null, 0, 48);
        assertThat(stripped).isEqualTo(decoder.decode(planted).image().getRGB(0, 0, 48, 40, null, 0, 48));
        assertThat(stripped).as("the linear-RGB profile is still applied")
                .isNotEqualTo(decoder.decode(PROGRESSIVE).image().getRGB(0, 0, 48, 40, null, 0, 48));
    }

    @Test
    void aPngKeepsOnlyItsImageChunksAndABlankedProfile() throws Exception {
        byte[] planted = PlantedIdentifiers.plantedPng(PNG, 8, ColorSpace.CS_LINEAR_RGB);

        StrippedImage out = MetadataRemoval.strip(planted);

        assertThat(PlantedIdentifiers.foundIn(out.bytes())).isEmpty();
        byte[] iccp = TestImages.chunksOf(out.bytes()).stream().filter(c -> TestImages.chunkType(c).equals("iCCP")).findFirst()
                .orElseThrow();
        byte[] iccpData = Arrays.copyOfRange(iccp, 8, iccp.length - 4);
        assertThat(new String(iccpData, 0, 12, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("ICC profile\0");
        assertThat(PlantedIdentifiers.foundIn(PlantedIdentifiers.inflate(iccpData, 13))).as("inside the profile").isEmpty();
        assertThat(TestImages.chunkTypes(out.bytes())).containsExactly("IHDR", "iCCP", "gAMA", "pHYs", "IDAT", "IEND");
        assertThat(idat(out.bytes())).isEqualTo(idat(planted));
        assertThat(out.exifOrientation()).isEqualTo(8);
        assertThat(out.removed()).contains("tEXt", "zTXt", "iTXt", "eXIf", "tIME", "prVt", "gAMA (malformed)")
                .anySatisfy(r -> assertThat(r).matches("trailing \\d+ bytes"))
                .noneMatch(PlantedIdentifiers::containsIdentifier);
        assertThat(raster(out.bytes())).isEqualTo(raster(planted));
        int[] stripped = decoder.decode(out.bytes()).image().getRGB(0, 0, 48, 40, null, 0, 48);
        assertThat(stripped).isEqualTo(decoder.decode(planted).image().getRGB(0, 0, 48, 40, null, 0, 48));
        assertThat(stripped).as("the linear-RGB profile is still applied")
                .isNotEqualTo(decoder.decode(PNG).image().getRGB(0, 0, 48, 40, null, 0, 48));
    }

    @Test
    void theOrientationIsReadBeforeTheExifGoes() {
        for (int o = 1; o <= 8; o++) {
            for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
                byte[] jpeg = TestImages.withExifOrientation(BASELINE, o, order);
                assertThat(MetadataRemoval.strip(jpeg).exifOrientation()).as("JPEG %d %s", o, order).isEqualTo(o);
            }
            List<byte[]> chunks = TestImages.chunksOf(PNG);
            chunks.add(1, TestImages.pngChunk("eXIf", TestImages.exifTiff(o, ByteOrder.BIG_ENDIAN)));
            assertThat(MetadataRemoval.strip(TestImages.png(chunks.toArray(byte[][]::new))).exifOrientation())
                    .as("PNG eXIf %d", o).isEqualTo(o);
        }
        assertThat(MetadataRemoval.strip(BASELINE).exifOrientation()).isEqualTo(1);
        assertThat(MetadataRemoval.strip(PNG).exifOrientation()).isEqualTo(1);
    }

    @Test
    void strippingIsIdempotentAndACleanImageIsUnchanged() {
        for (byte[] planted : List.of(PlantedIdentifiers.plantedJpeg(BASELINE, 6, ColorSpace.CS_sRGB, 2),
                PlantedIdentifiers.plantedJpeg(PROGRESSIVE, 1, ColorSpace.CS_LINEAR_RGB, 1),
                PlantedIdentifiers.plantedPng(PNG, 6, ColorSpace.CS_sRGB))) {
            StrippedImage once = MetadataRemoval.strip(planted);
            StrippedImage twice = MetadataRemoval.strip(once.bytes());
            assertThat(twice.bytes()).isEqualTo(once.bytes());
            assertThat(twice.removed()).as("nothing left to remove").isEmpty();
        }
        for (byte[] clean : List.of(BASELINE, PROGRESSIVE, PNG)) {
            assertThat(MetadataRemoval.strip(clean).bytes()).isEqualTo(clean);
        }
    }

    @Test
    void aProfileThatCannotBeParsedOrIsIncompleteIsDropped() {
        byte[] garbage = segment(0xE2, concat(ascii("ICC_PROFILE\0"), new byte[] {1, 1}, ascii("not a profile: " + PlantedIdentifiers.NAME)));
        StrippedImage unparseable = MetadataRemoval.strip(insertAfterSoi(BASELINE, garbage));
        assertThat(unparseable.removed()).containsExactly("APP2 ICC_PROFILE (unparseable)");
        assertThat(PlantedIdentifiers.foundIn(unparseable.bytes())).isEmpty();

        List<byte[]> twoChunks = PlantedIdentifiers.iccSegments(PlantedIdentifiers.iccProfile(ColorSpace.CS_sRGB), 2);
        StrippedImage incomplete = MetadataRemoval.strip(insertAfterSoi(BASELINE, twoChunks.get(0)));
        assertThat(incomplete.removed()).containsExactly("APP2 ICC_PROFILE (chunks incomplete or inconsistent)");
        assertThat(incomplete.bytes()).isEqualTo(BASELINE);

        List<byte[]> chunks = TestImages.chunksOf(PNG);
        chunks.add(1, TestImages.pngChunk("iCCP", concat(ascii(PlantedIdentifiers.MRN), new byte[] {0, 0}, ascii("no zlib here"))));
        StrippedImage png = MetadataRemoval.strip(TestImages.png(chunks.toArray(byte[][]::new)));
        assertThat(png.removed()).containsExactly("iCCP (unparseable)");
        assertThat(png.bytes()).isEqualTo(PNG);
    }

    @Test
    void theProfileKeepsItsSizeAndColourTagsAndLosesItsTextAndId() {
        byte[] profile = PlantedIdentifiers.iccProfile(ColorSpace.CS_sRGB);
        Arrays.fill(profile, 84, 100, (byte) 0x5A);
        byte[] blanked = IccProfileText.blanked(profile);
        assertThat(blanked).hasSameSizeAs(profile);
        assertThat(PlantedIdentifiers.foundIn(blanked)).isEmpty();
        assertThat(Arrays.copyOfRange(blanked, 84, 100)).containsOnly(0);
        int differing = 0;
        for (int i = 0; i < profile.length; i++) {
            differing += profile[i] != blanked[i] ? 1 : 0;
        }
        int text = 0;
        int ownLength = java.awt.color.ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData().length;
        for (int i = ownLength; i < profile.length; i++) { // the planted text tags were appended after sRGB's own bytes
            text += profile[i] != blanked[i] ? 1 : 0;
        }
        assertThat(differing - text).as("outside the text tags only the ID changes: curves and matrices are the same bytes")
                .isEqualTo(16);
        assertThat(java.awt.color.ICC_Profile.getInstance(blanked).getColorSpaceType()).isEqualTo(ColorSpace.TYPE_RGB);
    }

    @Test
    void brokenContainersAreRefusedWithTheDecodersReason() {
        byte[] idatCorrupt = PNG.clone();
        idatCorrupt[firstIdatData(PNG) + 10] ^= 0x55; // its CRC no longer matches
        byte[][] broken = {
            new byte[0],
            ascii("Patient: " + PlantedIdentifiers.NAME),
            ascii("GIF89a........"),
            Arrays.copyOf(BASELINE, BASELINE.length - 40), // cut inside the scan
            Arrays.copyOf(BASELINE, 30), // cut inside the header
            concat(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x12, 0x34}, Arrays.copyOfRange(BASELINE, 2, BASELINE.length)),
            Arrays.copyOf(PNG, PNG.length - 12), // no IEND
            Arrays.copyOf(PNG, 20), // inside IHDR
            corruptIhdrCrc(PNG),
            idatCorrupt,
        };
        RejectionReason[] expected = {
            RejectionReason.EMPTY, RejectionReason.NOT_AN_IMAGE, RejectionReason.UNSUPPORTED_FORMAT,
            RejectionReason.TRUNCATED, RejectionReason.TRUNCATED, RejectionReason.CORRUPT_HEADER,
            RejectionReason.TRUNCATED, RejectionReason.TRUNCATED, RejectionReason.CORRUPT_HEADER, RejectionReason.DECODE_FAILED,
        };
        for (int i = 0; i < broken.length; i++) {
            byte[] bytes = broken[i];
            ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> MetadataRemoval.strip(bytes));
            assertThat(e).as("input %d rejected", i).isNotNull();
            assertThat(e.reason()).as("input %d: %s", i, e.getMessage()).isEqualTo(expected[i]);
            assertThat(e.getMessage()).doesNotContain(PlantedIdentifiers.NAME);
            ImageRejectedException byDecoder = catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(bytes));
            assertThat(byDecoder.reason()).as("input %d: the decoder agrees", i).isEqualTo(e.reason());
        }
    }

    @Test
    void arbitraryDamageNeverEscapesAsAnythingButARejection() {
        Random random = new Random(23);
        List<byte[]> inputs = List.of(PlantedIdentifiers.plantedJpeg(BASELINE, 6, ColorSpace.CS_sRGB, 2),
                PlantedIdentifiers.plantedPng(PNG, 6, ColorSpace.CS_LINEAR_RGB));
        for (int trial = 0; trial < 400; trial++) {
            byte[] damaged = inputs.get(trial % 2).clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            if (trial % 5 == 0) {
                damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
            }
            try {
                StrippedImage out = MetadataRemoval.strip(damaged);
                assertThat(MetadataRemoval.strip(out.bytes()).bytes()).isEqualTo(out.bytes());
            } catch (ImageRejectedException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        }
    }

    @Test
    void preprocessingAStrippedOriginalWithTheEventsOrientationGivesTheSamePng() {
        byte[] original = PlantedIdentifiers.plantedJpeg(TestImages.jpeg(TestImages.lesion(90, 60, 12)), 6, ColorSpace.CS_sRGB, 1);
        StrippedImage stripped = MetadataRemoval.strip(original);
        PreprocessingConfig config = PreprocessingConfig.research(64);

        PreprocessedImage fromEvent = ImagePreprocessor.preprocess(stripped.bytes(), config, stripped.exifOrientation());
        PreprocessedImage asBefore = ImagePreprocessor.preprocess(original, config);

        assertThat(fromEvent.png()).isEqualTo(asBefore.png());
        assertThat(fromEvent.exifOrientation()).isEqualTo(6);
        assertThat(fromEvent.sourceWidth()).isEqualTo(60);
        assertThat(ImagePreprocessor.preprocess(stripped.bytes(), config).exifOrientation())
                .as("the stripped bytes no longer say it: the event must").isEqualTo(1);
    }

    private static BufferedImage textured(int w, int h) {
        BufferedImage img = TestImages.lesion(w, h, 11);
        Random random = new Random(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, img.getRGB(x, y) ^ random.nextInt(0x202020));
            }
        }
        return img;
    }

    private static byte[] progressiveJpeg(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A COM naming the patient between two progressive scans, where only a body walk finds it. */
    private static byte[] withCommentBeforeLastScan(byte[] jpeg) {
        JpegSegments.Header header = JpegSegments.readHeader(jpeg);
        List<JpegSegments.Segment> body = JpegSegments.readBody(jpeg, header.scanDataStart()).segments();
        int at = body.get(body.size() - 1).offset();
        return concat(Arrays.copyOf(jpeg, at), segment(0xFE, ascii(PlantedIdentifiers.MRN)), Arrays.copyOfRange(jpeg, at, jpeg.length));
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        return concat(Arrays.copyOf(jpeg, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    private static List<Integer> concatMarkers(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The header's markers after SOI, in order. */
    private static List<Integer> segmentMarkers(byte[] jpeg) {
        return JpegSegments.readHeader(jpeg).segments().stream().map(JpegSegments.Segment::marker).toList();
    }

    /** The first SOS and everything to EOI, with APPn/COM segments between scans cut out: the entropy-coded data and scan headers. */
    private static byte[] scanData(byte[] jpeg) {
        JpegSegments.Header header = JpegSegments.readHeader(jpeg);
        JpegSegments.Segment firstScan = header.segments().get(header.segments().size() - 1);
        JpegSegments.Body body = JpegSegments.readBody(jpeg, header.scanDataStart());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = firstScan.offset();
        for (JpegSegments.Segment s : body.segments()) {
            if (s.marker() >= 0xE0) {
                out.write(jpeg, from, s.offset() - from);
                from = s.payloadEnd();
            }
        }
        out.write(jpeg, from, body.endOfImage() + 2 - from);
        return out.toByteArray();
    }

    /** The IDAT chunks (length, type, data, CRC), as stored, one after the other. */
    private static byte[] idat(byte[] png) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        for (byte[] c : TestImages.chunksOf(untilIend(png))) {
            if (TestImages.chunkType(c).equals("IDAT")) {
                idat.writeBytes(c);
            }
        }
        return idat.toByteArray();
    }

    /** The PNG without what follows its IEND chunk. */
    private static byte[] untilIend(byte[] png) {
        int pos = 8;
        while (!new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("IEND")) {
            pos += 12 + (int) PngChunks.u32(png, pos);
        }
        return Arrays.copyOf(png, pos + 12);
    }

    /** Offset of the first IDAT chunk's data. */
    private static int firstIdatData(byte[] png) {
        int pos = 8;
        while (!new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("IDAT")) {
            pos += 12 + (int) PngChunks.u32(png, pos);
        }
        return pos + 8;
    }

    /** ImageIO's samples, as decoded from the file (no colour conversion). */
    private static int[] raster(byte[] bytes) throws IOException {
        Raster r = ImageIO.read(new ByteArrayInputStream(bytes)).getRaster();
        return r.getPixels(0, 0, r.getWidth(), r.getHeight(), (int[]) null);
    }

    private static byte[] corruptIhdrCrc(byte[] png) {
        byte[] b = png.clone();
        b[8 + 8 + 13] ^= 0x01;
        return b;
    }
}
