package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Square shapes as documented, the lesion kept centred, and the pad band filled as configured. */
class SquareCropPolicyTest {
    private static final int WHITE = 0xFFFFFF;

    @ParameterizedTest
    @CsvSource({"600, 450", "450, 600", "601, 451", "451, 600", "300, 300"})
    void everyPolicyGivesItsDocumentedSideAndKeepsACentredDiscCentred(int w, int h) {
        BufferedImage img = TestImages.lesion(w, h, 60);
        int s = Math.min(w, h);
        int l = Math.max(w, h);
        int[][] policySides = {{0, s}, {1, l}, {2, (int) Math.min(l, Math.round(1.2 * s))}};
        for (int[] ps : policySides) {
            SquareCropPolicy policy = SquareCropPolicy.values()[ps[0]];
            BufferedImage square = policy.apply(img, 1.2, PadFill.constant(WHITE));
            assertThat(square.getWidth()).as(policy.name()).isEqualTo(ps[1]);
            assertThat(square.getHeight()).as(policy.name()).isEqualTo(ps[1]);
            assertThat(square.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            double[] c = TestImages.darkCentroid(square, 128);
            double centre = (ps[1] - 1) / 2.0;
            // an odd difference moves the window by half a pixel, never more
            assertThat(c[0]).as(policy + " x").isCloseTo(centre, within(0.51));
            assertThat(c[1]).as(policy + " y").isCloseTo(centre, within(0.51));
            assertThat((long) c[2]).as("the whole disc is kept").isEqualTo((long) TestImages.darkCentroid(img, 128)[2]);
        }
    }

    @Test
    void theResearchDefaultCropsThirtyColumnsAndPadsFortyFiveRowsOfA600x450Image() {
        BufferedImage img = new BufferedImage(600, 450, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 450; y++) {
            for (int x = 0; x < 600; x++) {
                img.setRGB(x, y, x << 9 | y); // position-coded pixels
            }
        }
        assertThat(SquareCropPolicy.CROP_THEN_PAD.squareSide(600, 450, SquareCropPolicy.DEFAULT_CROP_RATIO)).isEqualTo(540);
        BufferedImage reflect = SquareCropPolicy.CROP_THEN_PAD.apply(img, 1.2, PadFill.REFLECT);
        BufferedImage edge = SquareCropPolicy.CROP_THEN_PAD.apply(img, 1.2, PadFill.EDGE);
        BufferedImage constant = SquareCropPolicy.CROP_THEN_PAD.apply(img, 1.2, PadFill.constant(0x123456));
        for (int x : new int[] {0, 270, 539}) {
            int sx = x + 30;
            assertThat(reflect.getRGB(x, 45) & 0xFFFFFF).isEqualTo(sx << 9);           // first image row
            assertThat(reflect.getRGB(x, 494) & 0xFFFFFF).isEqualTo(sx << 9 | 449);    // last image row
            assertThat(reflect.getRGB(x, 44) & 0xFFFFFF).isEqualTo(sx << 9 | 1);       // mirrored, edge not repeated
            assertThat(reflect.getRGB(x, 0) & 0xFFFFFF).isEqualTo(sx << 9 | 45);
            assertThat(reflect.getRGB(x, 539) & 0xFFFFFF).isEqualTo(sx << 9 | 449 - 45);
            assertThat(edge.getRGB(x, 0) & 0xFFFFFF).isEqualTo(sx << 9);
            assertThat(edge.getRGB(x, 539) & 0xFFFFFF).isEqualTo(sx << 9 | 449);
            assertThat(constant.getRGB(x, 0) & 0xFFFFFF).isEqualTo(0x123456);
            assertThat(constant.getRGB(x, 300) & 0xFFFFFF).isEqualTo(sx << 9 | 255);
        }
    }

    @Test
    void cropRatioOneIsCentreCropAndALargeRatioIsPad() {
        BufferedImage img = TestImages.quadrants(60, 40);
        assertSamePixels(SquareCropPolicy.CROP_THEN_PAD.apply(img, 1.0, PadFill.REFLECT),
                SquareCropPolicy.CENTRE_CROP.apply(img, 1.0, PadFill.REFLECT));
        assertSamePixels(SquareCropPolicy.CROP_THEN_PAD.apply(img, 10.0, PadFill.EDGE),
                SquareCropPolicy.PAD.apply(img, 1.2, PadFill.EDGE));
        assertThatThrownBy(() -> SquareCropPolicy.CROP_THEN_PAD.squareSide(60, 40, 0.9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reflectionNeverRepeatsTheEdgeAndCoversPadsWiderThanTheImage() {
        assertThat(PadFill.REFLECT.sourceIndex(-1, 5)).isEqualTo(1);
        assertThat(PadFill.REFLECT.sourceIndex(5, 5)).isEqualTo(3);
        assertThat(PadFill.REFLECT.sourceIndex(-9, 5)).isEqualTo(1); // ... 1 0 [0..4] folded twice
        assertThat(PadFill.REFLECT.sourceIndex(3, 1)).isZero();
        assertThat(PadFill.EDGE.sourceIndex(-3, 5)).isZero();
        assertThat(PadFill.EDGE.sourceIndex(7, 5)).isEqualTo(4);
        assertThat(PadFill.constant(0xABCDEF).sourceIndex(-1, 5)).isEqualTo(-1);
        BufferedImage thin = TestImages.quadrants(40, 4); // padding 36 rows around 4
        assertThat(SquareCropPolicy.PAD.apply(thin, 1.2, PadFill.REFLECT).getHeight()).isEqualTo(40);
    }

    @Test
    void padFillTokensRoundTrip() {
        for (PadFill fill : new PadFill[] {PadFill.REFLECT, PadFill.EDGE, PadFill.constant(0x00FF7F)}) {
            assertThat(PadFill.parse(fill.token())).isEqualTo(fill);
        }
        assertThat(PadFill.constant(0x00FF7F).token()).isEqualTo("const-00ff7f");
        assertThatThrownBy(() -> PadFill.parse("wrap")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSamePixels(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        assertThat(RgbPixels.array(a)).isEqualTo(RgbPixels.array(b));
    }
}
