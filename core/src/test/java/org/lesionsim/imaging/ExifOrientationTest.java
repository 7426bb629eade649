package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The orientation tag is read from hand-built EXIF in both byte orders and applied as the EXIF table says. */
class ExifOrientationTest {
    private static final byte[] JPEG = TestImages.jpeg(TestImages.lesion(16, 8, 3));

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void theTagIsReadInBothByteOrders(int orientation) {
        assertThat(ExifOrientation.read(TestImages.withExifOrientation(JPEG, orientation, ByteOrder.BIG_ENDIAN))).isEqualTo(orientation);
        assertThat(ExifOrientation.read(TestImages.withExifOrientation(JPEG, orientation, ByteOrder.LITTLE_ENDIAN))).isEqualTo(orientation);
    }

    @Test
    void theTagIsFoundAmongOtherEntriesAndSegments() {
        // IFD0 with ImageWidth, Orientation, Make (in tag order), after a JFIF-like APP0 and an XMP APP1
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 3 * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put(new byte[] {'I', 'I'}).putShort((short) 42).putInt(8).putShort((short) 3);
        tiff.putShort((short) 0x0100).putShort((short) 4).putInt(1).putInt(600);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 8).putShort((short) 0);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(4).putInt(0x00434241);
        tiff.putInt(0);
        byte[] withExif = TestImages.withApp1Exif(JPEG, tiff.array());
        byte[] withXmpFirst = TestImages.withSegment(withExif, 0xE1, "http://ns.adobe.com/xap/1.0/\0<x/>".getBytes());
        assertThat(ExifOrientation.read(withXmpFirst)).isEqualTo(8);
    }

    @Test
    void malformedOrAbsentExifMeansOrientationOne() {
        assertThat(ExifOrientation.read(JPEG)).as("no EXIF").isEqualTo(1);
        assertThat(ExifOrientation.read(new byte[0])).isEqualTo(1);
        assertThat(ExifOrientation.read(null)).isEqualTo(1);
        byte[] tiff = TestImages.exifTiff(6, ByteOrder.BIG_ENDIAN);

        byte[] farIfd = tiff.clone();
        farIfd[4] = 0x7F; // IFD0 offset far outside the segment
        assertThat(ExifOrientation.read(TestImages.withApp1Exif(JPEG, farIfd))).isEqualTo(1);

        byte[] badMagic = tiff.clone();
        badMagic[3] = 43;
        assertThat(ExifOrientation.read(TestImages.withApp1Exif(JPEG, badMagic))).isEqualTo(1);

        byte[] badOrder = tiff.clone();
        badOrder[0] = 'X';
        assertThat(ExifOrientation.read(TestImages.withApp1Exif(JPEG, badOrder))).isEqualTo(1);

        byte[] manyEntries = tiff.clone();
        manyEntries[8] = (byte) 0xFF; // 65 000 entries declared in a 26-byte structure
        manyEntries[9] = (byte) 0xFF;
        manyEntries[11] = 0x00; // and the real entry's tag no longer 0x0112
        assertThat(ExifOrientation.read(TestImages.withApp1Exif(JPEG, manyEntries))).isEqualTo(1);

        assertThat(ExifOrientation.read(TestImages.withExifOrientation(JPEG, 9, ByteOrder.BIG_ENDIAN))).as("out of range").isEqualTo(1);
        assertThat(ExifOrientation.read(TestImages.withExifOrientation(JPEG, 0, ByteOrder.LITTLE_ENDIAN))).isEqualTo(1);

        byte[] cut = TestImages.withExifOrientation(JPEG, 6, ByteOrder.BIG_ENDIAN);
        assertThat(ExifOrientation.read(java.util.Arrays.copyOf(cut, 20))).as("file ends inside APP1").isEqualTo(1);
    }

    @Test
    void randomExifPayloadsNeverThrow() {
        Random random = new Random(5);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] tiff = new byte[random.nextInt(40)];
            random.nextBytes(tiff);
            if (tiff.length >= 4 && trial % 2 == 0) { // a valid header over random entries reaches deeper code
                tiff[0] = 'M';
                tiff[1] = 'M';
                tiff[2] = 0;
                tiff[3] = 42;
            }
            int orientation = ExifOrientation.read(TestImages.withApp1Exif(JPEG, tiff));
            assertThat(orientation).isBetween(1, 8);
        }
    }

    /**
     * EXIF 2.32 Table: for each value, the visual side where the stored 0th row and 0th column are
     * shown. Two stored corners placed accordingly fix the whole transform.
     */
    private static final String[][] ROW_COLUMN_SIDES = {null,
        {"top", "left"}, {"top", "right"}, {"bottom", "right"}, {"bottom", "left"},
        {"left", "top"}, {"right", "top"}, {"right", "bottom"}, {"left", "bottom"}};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyOrientationPlacesTheStoredCornersWhereTheExifTableSays(int orientation) {
        int w = 5;
        int h = 3;
        BufferedImage stored = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                stored.setRGB(x, y, y * w + x + 1); // every pixel distinct
            }
        }
        BufferedImage upright = ExifOrientation.apply(stored, orientation);
        boolean swapped = orientation >= 5;
        int uw = swapped ? h : w;
        int uh = swapped ? w : h;
        assertThat(upright.getWidth()).isEqualTo(uw);
        assertThat(upright.getHeight()).isEqualTo(uh);

        String rowSide = ROW_COLUMN_SIDES[orientation][0];
        String columnSide = ROW_COLUMN_SIDES[orientation][1];
        // stored (0,0) sits where the 0th row's side meets the 0th column's side
        int[] origin = corner(rowSide, columnSide, uw, uh);
        // stored (w-1,0) is the other end of the 0th row: along the row's side, opposite the column's side
        int[] rowEnd = corner(rowSide, opposite(columnSide), uw, uh);
        assertThat(upright.getRGB(origin[0], origin[1]) & 0xFFFFFF).isEqualTo(1);
        assertThat(upright.getRGB(rowEnd[0], rowEnd[1]) & 0xFFFFFF).isEqualTo(w);
        // a permutation: every stored pixel appears once
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < uh; y++) {
            for (int x = 0; x < uw; x++) {
                seen.add(upright.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(seen).hasSize(w * h);
    }

    private static int[] corner(String sideA, String sideB, int w, int h) {
        int x = sideA.equals("right") || sideB.equals("right") ? w - 1 : 0;
        int y = sideA.equals("bottom") || sideB.equals("bottom") ? h - 1 : 0;
        return new int[] {x, y};
    }

    private static String opposite(String side) {
        return switch (side) {
            case "top" -> "bottom";
            case "bottom" -> "top";
            case "left" -> "right";
            default -> "left";
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, 8})
    void aJpegWithAnExifSegmentIsShownUpright(int orientation) {
        // stored: red top-left, green top-right, blue bottom-left, white bottom-right (64x32)
        byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(TestImages.quadrants(64, 32)), orientation, ByteOrder.BIG_ENDIAN);
        DecodedImage decoded = new ImageDecoder().decode(jpeg);
        BufferedImage upright = ExifOrientation.apply(decoded.image(), ExifOrientation.read(jpeg));
        // 6: rotate 90° clockwise, 3: rotate 180°, 8: rotate 90° counter-clockwise
        String[][] expected = switch (orientation) {
            case 6 -> new String[][] {{"blue", "red"}, {"white", "green"}};
            case 3 -> new String[][] {{"white", "blue"}, {"green", "red"}};
            default -> new String[][] {{"green", "white"}, {"red", "blue"}};
        };
        assertThat(upright.getWidth()).isEqualTo(orientation == 3 ? 64 : 32);
        assertThat(upright.getHeight()).isEqualTo(orientation == 3 ? 32 : 64);
        int qw = upright.getWidth() / 2;
        int qh = upright.getHeight() / 2;
        for (int qy = 0; qy < 2; qy++) {
            for (int qx = 0; qx < 2; qx++) {
                int rgb = upright.getRGB(qx * qw + qw / 2, qy * qh + qh / 2);
                assertThat(colourName(rgb)).as("quadrant (%d,%d)", qx, qy).isEqualTo(expected[qy][qx]);
            }
        }
    }

    private static String colourName(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (r > 200 && g > 200 && b > 200) {
            return "white";
        }
        return r > 200 ? "red" : g > 200 ? "green" : b > 200 ? "blue" : String.format("#%06x", rgb & 0xFFFFFF);
    }
}
