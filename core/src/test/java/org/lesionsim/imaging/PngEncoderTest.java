package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG holds the pixels and nothing else, and is a function of the pixels alone. */
class PngEncoderTest {

    private static BufferedImage noise(int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return img;
    }

    @Test
    void thePngHasOnlyIhdrIdatIendAndTheExactPixels() throws Exception {
        BufferedImage img = noise(64, 48, 1);
        byte[] png = PngEncoder.encode(img);
        assertThat(TestImages.chunkTypes(png)).containsExactly("IHDR", "IDAT", "IEND");
        assertThat(png[8 + 8 + 8]).as("bit depth").isEqualTo((byte) 8);
        assertThat(png[8 + 8 + 9]).as("colour type: RGB, no alpha").isEqualTo((byte) 2);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png)); // an independent decoder
        BufferedImage strict = new ImageDecoder().decode(png).image(); // ours checks every chunk CRC and IEND
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
                assertThat(strict.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
            }
        }
        assertThat(new ImageDecoder().decode(PngEncoder.encode(noise(1, 1, 3))).width()).isEqualTo(1);
    }

    @Test
    void unfilteredPngsHoldTheSamePixelsWithFilterTypeZeroOnEveryRow() throws Exception {
        BufferedImage img = noise(40, 30, 4);
        byte[] png = PngEncoder.encode(img, PngEncoder.Filtering.NONE);
        assertThat(TestImages.chunkTypes(png)).containsExactly("IHDR", "IDAT", "IEND");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        BufferedImage strict = new ImageDecoder().decode(png).image();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
                assertThat(strict.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
            }
        }
        int idatLength = java.nio.ByteBuffer.wrap(png, 8 + 8 + 13 + 4, 4).getInt(); // the chunk after IHDR (+ its CRC)
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(png, 8 + 8 + 13 + 4 + 8, idatLength);
        byte[] rows = new byte[30 * (1 + 3 * 40)];
        assertThat(inflater.inflate(rows)).isEqualTo(rows.length);
        inflater.end();
        for (int y = 0; y < 30; y++) {
            assertThat(rows[y * (1 + 3 * 40)]).as("filter type of row " + y).isZero();
        }
        byte[] adaptive = PngEncoder.encode(img);
        assertThat(adaptive).as("noise: the adaptive heuristic picks other filters").isNotEqualTo(png);
    }

    @Test
    void samePixelsGiveTheSameBytes() {
        assertThat(PngEncoder.encode(noise(50, 50, 2))).isEqualTo(PngEncoder.encode(noise(50, 50, 2)));
    }

    @Test
    void noMetadataOfTheOriginalReachesThePreprocessedPng() {
        // EXIF (orientation), a comment naming a patient, and an ICC profile in the original
        byte[] jpeg = TestImages.jpeg(TestImages.lesion(120, 90, 20));
        jpeg = TestImages.withSegment(jpeg, 0xFE, "Patient: Jane Doe, DOB 1970-01-01".getBytes(StandardCharsets.US_ASCII));
        jpeg = TestImages.withExifOrientation(jpeg, 6, ByteOrder.LITTLE_ENDIAN);
        PreprocessedImage out = ImagePreprocessor.preprocess(jpeg, PreprocessingConfig.research(64));
        assertThat(out.exifOrientation()).isEqualTo(6);
        assertThat(TestImages.chunkTypes(out.png())).containsExactly("IHDR", "IDAT", "IEND");
        String text = new String(out.png(), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif", "eXIf", "tEXt", "iTXt", "zTXt", "tIME", "iCCP", "Jane");
    }
}
