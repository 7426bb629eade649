package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImagingTest {

    static byte[] encode(BufferedImage img, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    static BufferedImage lesion(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(214, 170, 150));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(90, 50, 30));
        g.fillOval(w / 2 - w / 6, h / 2 - h / 6, w / 3, h / 3);
        g.dispose();
        return img;
    }

    /** Inserts an APP1 Exif segment with only an orientation tag right after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        tiff.putShort((short) 42).putInt(8).putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] body = tiff.array();
        int length = 2 + 6 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static byte[] pngWithHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes()).putInt(0xAE426082);
        return png.array();
    }

    @Test
    void eachBadInputIsRejectedWithItsReason() throws Exception {
        byte[] jpeg = encode(lesion(120, 90), "jpg");
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[0], 1_000_000)).extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(RejectionReason.EMPTY);
        byte[] random = new byte[500];
        new Random(1).nextBytes(random);
        random[0] = 0x12;
        assertReason(random, RejectionReason.NOT_AN_IMAGE);
        assertReason(encode(lesion(20, 20), "gif"), RejectionReason.UNSUPPORTED_FORMAT);
        assertReason(encode(lesion(20, 20), "bmp"), RejectionReason.UNSUPPORTED_FORMAT);
        assertReason(Arrays.copyOf(jpeg, jpeg.length / 2), RejectionReason.TRUNCATED);
        byte[] png = encode(lesion(40, 30), "png");
        assertReason(Arrays.copyOf(png, png.length - 20), RejectionReason.TRUNCATED);
        byte[] corrupt = jpeg.clone();
        for (int i = 2; i < 40; i++) {
            corrupt[i] = 0;
        }
        assertReason(corrupt, RejectionReason.CORRUPT_HEADER);
        byte[] badCrc = png.clone();
        badCrc[20] ^= 0x7f; // inside IHDR: width bytes, CRC no longer matches
        assertThatThrownBy(() -> ImageDecoder.decode(badCrc, 1_000_000)).isInstanceOf(ImageRejectedException.class);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderAlone() {
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThatThrownBy(() -> ImageDecoder.decode(pngWithHeader(100_000, 100_000), 50_000_000))
                .isInstanceOf(ImageRejectedException.class)
                .extracting(e -> ((ImageRejectedException) e).reason()).isEqualTo(RejectionReason.TOO_MANY_PIXELS);
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThat(after - before).as("bytes allocated").isLessThan(200L << 20); // 10^10 pixels would be 40 GB
    }

    static void assertReason(byte[] bytes, RejectionReason reason) {
        assertThatThrownBy(() -> ImageDecoder.decode(bytes, 50_000_000))
                .isInstanceOf(ImageRejectedException.class)
                .satisfies(e -> assertThat(((ImageRejectedException) e).reason()).as(e.getMessage()).isEqualTo(reason))
                .hasMessageNotContaining("null");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsReadInBothByteOrdersAndApplied(int orientation) throws Exception {
        // A 4×2 image whose top-left pixel is marked; after applying the tag it must sit where the
        // EXIF specification says the stored first row/column belongs.
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        byte[] jpeg = encode(img, "jpg");
        assertThat(ExifOrientation.read(withExifOrientation(jpeg, orientation, ByteOrder.BIG_ENDIAN))).isEqualTo(orientation);
        assertThat(ExifOrientation.read(withExifOrientation(jpeg, orientation, ByteOrder.LITTLE_ENDIAN))).isEqualTo(orientation);
        BufferedImage upright = ExifOrientation.apply(img, orientation);
        int[][] expectedMarker = {null, {0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 3}, {0, 3}};
        assertThat(upright.getWidth()).isEqualTo(orientation >= 5 ? 2 : 4);
        int[] at = expectedMarker[orientation];
        assertThat(upright.getRGB(at[0], at[1]) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void malformedExifIsIgnored() throws Exception {
        byte[] jpeg = withExifOrientation(encode(lesion(8, 8), "jpg"), 6, ByteOrder.BIG_ENDIAN);
        jpeg[16] = (byte) 0xFF; // IFD offset points far outside the segment
        jpeg[17] = (byte) 0xFF;
        assertThat(ExifOrientation.read(jpeg)).isEqualTo(1);
    }

    @Test
    void areaAveragingMatchesAHandComputedCaseAndKeepsMeans() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        int[] values = {0, 40, 80, 120, 10, 50, 90, 130, 200, 200, 0, 0, 100, 100, 20, 60};
        for (int i = 0; i < 16; i++) {
            img.setRGB(i % 4, i / 4, values[i] << 16 | values[i] << 8 | values[i]);
        }
        BufferedImage half = Resampler.resize(img, 2, 2);
        assertThat(half.getRGB(0, 0) & 0xff).isEqualTo(25);   // (0+40+10+50)/4
        assertThat(half.getRGB(1, 0) & 0xff).isEqualTo(105);  // (80+120+90+130)/4
        assertThat(half.getRGB(0, 1) & 0xff).isEqualTo(150);  // (200+200+100+100)/4
        assertThat(half.getRGB(1, 1) & 0xff).isEqualTo(20);   // (0+0+20+60)/4

        BufferedImage noise = new BufferedImage(600, 450, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(7);
        double sum = 0;
        for (int y = 0; y < 450; y++) {
            for (int x = 0; x < 600; x++) {
                int v = r.nextInt(256);
                sum += v;
                noise.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        BufferedImage small = Resampler.resize(noise, 256, 192); // non-integer ratio 2.34375
        double smallSum = 0;
        for (int y = 0; y < 192; y++) {
            for (int x = 0; x < 256; x++) {
                smallSum += small.getRGB(x, y) & 0xff;
            }
        }
        assertThat(smallSum / (256 * 192)).isCloseTo(sum / (600 * 450), org.assertj.core.data.Offset.offset(0.5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AREA", "LANCZOS3"})
    void resamplingPreservesAConstantImage(String filter) {
        BufferedImage flat = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                flat.setRGB(x, y, 0x8040C0);
            }
        }
        Resampler.Filter f = Resampler.Filter.valueOf(filter);
        for (int[] size : new int[][] {{16, 16}, {64, 50}, {37, 23}}) {
            BufferedImage out = Resampler.resize(flat, size[0], size[1], f, f);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    assertThat(out.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x8040C0);
                }
            }
        }
    }

    @Test
    void squarePoliciesGiveTheDocumentedSidesAndKeepTheLesionCentred() {
        BufferedImage img = lesion(600, 450);
        assertThat(SquareCropPolicy.CENTRE_CROP.apply(img).getWidth()).isEqualTo(450);
        assertThat(SquareCropPolicy.PAD.apply(img).getWidth()).isEqualTo(600);
        BufferedImage research = SquareCropPolicy.CROP_THEN_PAD.apply(img);
        assertThat(research.getWidth()).isEqualTo(525);
        assertThat(research.getHeight()).isEqualTo(525);
        // the dark disc's centroid stays at the centre
        double sx = 0, sy = 0, n = 0;
        for (int y = 0; y < 525; y++) {
            for (int x = 0; x < 525; x++) {
                if ((research.getRGB(x, y) >> 16 & 0xff) < 120) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertThat(sx / n).isCloseTo(262, org.assertj.core.data.Offset.offset(1.5));
        assertThat(sy / n).isCloseTo(262, org.assertj.core.data.Offset.offset(1.5));
        assertThat(SquareCropPolicy.reflect(-1, 5)).isEqualTo(1);
        assertThat(SquareCropPolicy.reflect(5, 5)).isEqualTo(3);
    }

    @Test
    void preprocessingGivesASquarePngWithoutMetadata() throws Exception {
        byte[] jpeg = withExifOrientation(encode(lesion(600, 450), "jpg"), 6, ByteOrder.BIG_ENDIAN);
        PreprocessedImage out = ImagePreprocessor.preprocess(jpeg, PreprocessingConfig.research(256));
        assertThat(out.exifOrientation()).isEqualTo(6);
        assertThat(out.sourceWidth()).isEqualTo(450); // upright: rotated by 90°
        assertThat(out.sourceHeight()).isEqualTo(600);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(out.png()));
        assertThat(png.getWidth()).isEqualTo(256);
        assertThat(png.getHeight()).isEqualTo(256);
        assertThat(pngChunks(out.png())).containsExactly("IHDR", "IDAT", "IEND");
        assertThat(PreprocessingConfig.research(256).fingerprint()).isEqualTo("crop-then-pad_r256_area");
    }

    static List<String> pngChunks(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        while (b.remaining() >= 12) {
            int len = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            String t = new String(type);
            if (types.isEmpty() || !types.get(types.size() - 1).equals(t)) {
                types.add(t);
            }
            b.position(b.position() + len + 4);
        }
        return types;
    }
}
