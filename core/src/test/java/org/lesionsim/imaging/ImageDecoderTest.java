package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.lesionsim.imaging.TestImages.channel;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** Each rejection reason from a crafted input, and that accepted inputs come out as 8-bit sRGB. */
class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder();
    private final byte[] jpeg = TestImages.jpeg(TestImages.lesion(120, 90, 20));
    private final byte[] png = TestImages.encode(TestImages.lesion(40, 30, 8), "png");

    private ImageRejectedException rejection(byte[] bytes) {
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(bytes));
        assertThat(e).as("rejected").isNotNull();
        assertThat(e.getMessage()).isNotBlank().doesNotContain("null");
        return e;
    }

    private void assertRejected(byte[] bytes, RejectionReason reason) {
        ImageRejectedException e = rejection(bytes);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    }

    @Test
    void zeroBytesAreEmpty() {
        assertRejected(new byte[0], RejectionReason.EMPTY);
    }

    @Test
    void randomBytesAndTextAreNotImages() {
        byte[] random = new byte[500];
        new Random(1).nextBytes(random);
        random[0] = 0x12;
        assertRejected(random, RejectionReason.NOT_AN_IMAGE);
        assertRejected("%PDF-1.4 a scanned referral letter".getBytes(StandardCharsets.US_ASCII), RejectionReason.NOT_AN_IMAGE);
        assertRejected(new byte[] {(byte) 0xFF}, RejectionReason.NOT_AN_IMAGE); // one byte of a JPEG signature is not one
    }

    @Test
    void otherImageFormatsAreRecognisedAndNamed() {
        BufferedImage img = TestImages.lesion(20, 20, 5);
        assertThat(rejection(TestImages.encode(img, "gif")).getMessage()).startsWith("GIF");
        assertThat(rejection(TestImages.encode(img, "bmp")).getMessage()).startsWith("BMP");
        assertThat(rejection(TestImages.encode(img, "tiff")).getMessage()).startsWith("TIFF");
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 \0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(rejection(webp).getMessage()).startsWith("WebP");
        byte[] dicom = new byte[200];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, dicom, 128, 4);
        assertThat(rejection(dicom).getMessage()).startsWith("DICOM");
        for (byte[] other : List.of(TestImages.encode(img, "gif"), TestImages.encode(img, "bmp"), webp, dicom)) {
            assertRejected(other, RejectionReason.UNSUPPORTED_FORMAT);
        }
    }

    @Test
    void aCmykJpegIsUnsupportedWithAClearDetail() throws Exception {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 24, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        }
        ImageRejectedException e = rejection(out.toByteArray());
        assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_FORMAT);
        assertThat(e.getMessage()).contains("CMYK");
    }

    @Test
    void aJpegCutShortIsTruncatedNotAHalfGreyImage() {
        assertRejected(Arrays.copyOf(jpeg, jpeg.length / 2), RejectionReason.TRUNCATED); // ImageIO alone only warns
        assertRejected(Arrays.copyOf(jpeg, jpeg.length - 2), RejectionReason.TRUNCATED); // only EOI missing
        assertRejected(Arrays.copyOf(jpeg, 100), RejectionReason.TRUNCATED);             // cut inside the header
    }

    @Test
    void truncationIsFoundFromTheMarkersBeforeAnyPixelIsDecoded() {
        byte[] big = TestImages.jpeg(TestImages.lesion(1500, 1000, 300));
        byte[] cut = Arrays.copyOf(big, big.length - 2); // only EOI missing: libjpeg would decode it all, then warn
        long allocated = allocatedBy(() -> assertRejected(cut, RejectionReason.TRUNCATED));
        assertThat(allocated).as("bytes allocated; the decoded raster alone would be 4.5 MB").isLessThan(2L << 20);
    }

    private long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        decoder.decode(png); // warm up ImageIO's plugin registry so it does not count
        long before = threads.getThreadAllocatedBytes(thread);
        action.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    @Test
    void bytesAfterTheJpegEndMarkerAreNotTruncation() {
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 64); // zero padding
        byte[] trailer = Arrays.copyOf(jpeg, jpeg.length + 40); // a phone maker's trailer after EOI
        System.arraycopy("SEFHxxxxSEFT trailer, not image data".getBytes(StandardCharsets.US_ASCII), 0, trailer, jpeg.length, 36);
        assertThat(decoder.decode(padded).width()).isEqualTo(120);
        assertThat(decoder.decode(trailer).width()).isEqualTo(120);
    }

    @Test
    void aPngWithoutIendIsTruncated() {
        assertRejected(Arrays.copyOf(png, png.length - 12), RejectionReason.TRUNCATED); // ImageIO alone decodes it
        assertRejected(Arrays.copyOf(png, png.length / 2), RejectionReason.TRUNCATED);
        assertRejected(Arrays.copyOf(png, 20), RejectionReason.TRUNCATED);
    }

    @Test
    void brokenHeadersAreCorruptHeader() {
        byte[] jpegHeader = jpeg.clone();
        Arrays.fill(jpegHeader, 2, 40, (byte) 0); // the segment after SOI is no longer a marker
        assertRejected(jpegHeader, RejectionReason.CORRUPT_HEADER);

        byte[] ihdrFlipped = png.clone();
        ihdrFlipped[8 + 8 + 1] ^= 0x7f; // a width byte inside IHDR: its CRC no longer matches (ImageIO ignores that)
        assertRejected(ihdrFlipped, RejectionReason.CORRUPT_HEADER);

        byte[] badDepth = TestImages.png(TestImages.pngChunk("IHDR", TestImages.ihdr(10, 10, 7, 2)),
                TestImages.pngChunk("IEND", new byte[0])); // valid CRC, but bit depth 7 does not exist
        assertRejected(badDepth, RejectionReason.CORRUPT_HEADER);

        byte[] noIhdr = TestImages.png(TestImages.pngChunk("IEND", new byte[0]));
        assertRejected(noIhdr, RejectionReason.CORRUPT_HEADER);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderWithoutAllocatingPixels() {
        byte[] bomb = TestImages.png(TestImages.pngChunk("IHDR", TestImages.ihdr(100_000, 100_000, 8, 2)),
                TestImages.pngChunk("IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00}),
                TestImages.pngChunk("IEND", new byte[0]));
        ImageRejectedException[] e = new ImageRejectedException[1];
        long allocated = allocatedBy(() -> e[0] = rejection(bomb));
        assertThat(e[0].reason()).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
        assertThat(e[0].getMessage()).contains("100000x100000");
        assertThat(allocated).as("bytes allocated to refuse 10^10 pixels (30 GB as RGB)").isLessThan(8L << 20);
    }

    @Test
    void theJpegPixelLimitIsReadFromItsHeaderAndConfigurable() {
        byte[] huge = jpeg.clone();
        int sof = TestImages.sofOffset(huge);
        huge[sof + 5] = (byte) 0x75; // height 30000
        huge[sof + 6] = (byte) 0x30;
        huge[sof + 7] = (byte) 0x75; // width 30000
        huge[sof + 8] = (byte) 0x30;
        assertRejected(huge, RejectionReason.TOO_MANY_PIXELS);
        assertThatThrownBy(() -> new ImageDecoder(120 * 90 - 1).decode(jpeg))
                .satisfies(e -> assertThat(((ImageRejectedException) e).reason()).isEqualTo(RejectionReason.TOO_MANY_PIXELS));
        assertThat(new ImageDecoder(120 * 90).decode(jpeg).width()).isEqualTo(120);
    }

    @Test
    void corruptPixelDataIsDecodeFailed() throws Exception {
        List<byte[]> chunks = TestImages.chunksOf(png);
        byte[] badCrc = png.clone();
        int idat = 8;
        for (byte[] c : chunks) {
            if (TestImages.chunkType(c).equals("IDAT")) {
                break;
            }
            idat += c.length;
        }
        badCrc[idat + 8 + 5] ^= 0x55; // inside IDAT: its CRC no longer matches
        assertRejected(badCrc, RejectionReason.DECODE_FAILED);

        byte[] garbage = new byte[300];
        new Random(3).nextBytes(garbage);
        byte[] notZlib = TestImages.png(TestImages.pngChunk("IHDR", TestImages.ihdr(10, 10, 8, 2)),
                TestImages.pngChunk("IDAT", garbage), TestImages.pngChunk("IEND", new byte[0])); // valid CRCs, data is not zlib
        assertRejected(notZlib, RejectionReason.DECODE_FAILED);
    }

    @Test
    void aDecodedJpegIsIntRgbAndCloseToTheSource() {
        BufferedImage source = TestImages.quadrants(64, 48);
        DecodedImage decoded = decoder.decode(TestImages.jpeg(source));
        assertThat(decoded.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(decoded.image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(decoded.width()).isEqualTo(64);
        assertThat(decoded.height()).isEqualTo(48);
        int rgb = decoded.image().getRGB(8, 8);
        assertThat(channel(rgb, 16)).isGreaterThan(240);
        assertThat(channel(rgb, 8)).isLessThan(15);
    }

    @Test
    void greyPngSamplesStayGammaEncoded() {
        // Java calls PNG grey "linear" and getRGB/drawImage of grey+alpha turn 128 into 188; PNG grey 128 is sRGB 128.
        for (boolean withAlpha : new boolean[] {false, true}) {
            ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), withAlpha, false,
                    withAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
            WritableRaster raster = cm.createCompatibleWritableRaster(4, 1);
            for (int x = 0; x < 4; x++) {
                raster.setSample(x, 0, 0, 128);
                if (withAlpha) {
                    raster.setSample(x, 0, 1, x == 3 ? 0 : 255);
                }
            }
            BufferedImage grey = new BufferedImage(cm, raster, false, null);
            BufferedImage out = decoder.decode(TestImages.encode(grey, "png")).image();
            assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(out.getRGB(0, 0) & 0xFFFFFF).as("alpha " + withAlpha).isEqualTo(0x808080);
            if (withAlpha) {
                assertThat(out.getRGB(3, 0) & 0xFFFFFF).as("transparent composites on black").isZero();
            }
        }
    }

    @Test
    void alphaPaletteAnd16BitPngsBecome8BitRgbOnBlack() {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x80C86432); // (200, 100, 50) at alpha 128
        rgba.setRGB(1, 0, 0xFFC86432);
        BufferedImage out = decoder.decode(TestImages.encode(rgba, "png")).image();
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(100 << 16 | 50 << 8 | 25); // round(c * 128/255)
        assertThat(out.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xC86432);

        IndexColorModel palette = new IndexColorModel(2, 2, new byte[] {(byte) 10, (byte) 250}, new byte[] {20, 0},
                new byte[] {30, 0}, new byte[] {(byte) 255, 0});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSample(1, 0, 0, 1);
        out = decoder.decode(TestImages.encode(indexed, "png")).image();
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(10 << 16 | 20 << 8 | 30);
        assertThat(out.getRGB(1, 0) & 0xFFFFFF).as("transparent palette entry").isZero();

        ComponentColorModel rgb16 = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster16 = rgb16.createCompatibleWritableRaster(1, 1);
        raster16.setPixel(0, 0, new int[] {0x8080, 0xFFFF, 0x0101}); // 16-bit v -> round(v * 255 / 65535)
        BufferedImage sixteen = new BufferedImage(rgb16, raster16, false, null);
        byte[] png16 = TestImages.encode(sixteen, "png");
        assertThat(png16[8 + 8 + 8]).as("IHDR bit depth").isEqualTo((byte) 16);
        assertThat(decoder.decode(png16).image().getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x80FF01);
    }

    @Test
    void anEmbeddedColourProfileIsConvertedToSrgb() throws Exception {
        // Samples (50, 128, 200) in linear RGB are (122, 188, 229) in sRGB.
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        BufferedImage samples = TestImages.filled(16, 16, 50 << 16 | 128 << 8 | 200);

        byte[] app2 = new byte[14 + profile.length];
        System.arraycopy("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII), 0, app2, 0, 12);
        app2[12] = 1; // chunk 1 of 1
        app2[13] = 1;
        System.arraycopy(profile, 0, app2, 14, profile.length);
        byte[] jpegWithProfile = TestImages.withSegment(TestImages.jpeg(samples), 0xE2, app2);

        ByteArrayOutputStream iccp = new ByteArrayOutputStream();
        iccp.writeBytes("linear\0\0".getBytes(StandardCharsets.US_ASCII)); // name, NUL, compression method 0
        try (DeflaterOutputStream z = new DeflaterOutputStream(iccp, new Deflater())) {
            z.write(profile);
        }
        List<byte[]> chunks = TestImages.chunksOf(TestImages.encode(samples, "png"));
        chunks.add(1, TestImages.pngChunk("iCCP", iccp.toByteArray()));
        byte[] pngWithProfile = TestImages.png(chunks.toArray(byte[][]::new));

        for (byte[] bytes : List.of(jpegWithProfile, pngWithProfile)) {
            int rgb = decoder.decode(bytes).image().getRGB(8, 8);
            assertThat(new int[] {channel(rgb, 16), channel(rgb, 8), channel(rgb, 0)})
                    .satisfies(c -> assertThat(Math.abs(c[0] - 122)).isLessThanOrEqualTo(3))
                    .satisfies(c -> assertThat(Math.abs(c[1] - 188)).isLessThanOrEqualTo(3))
                    .satisfies(c -> assertThat(Math.abs(c[2] - 229)).isLessThanOrEqualTo(3));
        }
        // without the profile the same samples are taken as sRGB
        assertThat(decoder.decode(TestImages.encode(samples, "png")).image().getRGB(8, 8) & 0xFFFFFF)
                .isEqualTo(50 << 16 | 128 << 8 | 200);
    }

    @Test
    void arbitraryDamageNeverEscapesAsAnythingButARejection() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            byte[] damaged = (trial % 2 == 0 ? jpeg : png).clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            try {
                assertThat(decoder.decode(damaged).image().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            } catch (ImageRejectedException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        }
    }
}
