package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.data.synthetic.SyntheticLesion;
import org.lesionsim.imaging.DermoscopicColour;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.metrics.PlanarImage;

/** Segmentation finds drawn and rendered lesions, ignores the vignette, and says so when there is no lesion. */
class LesionSegmentationTest {

    @Test
    void findsADrawnLesionInsideAVignetteWithoutTheDarkCorners() {
        var lesion = DrawnLesions.disc(96, 96, 40);
        BufferedImage image = DrawnLesions.draw(192, 192, lesion, List.of(DermoscopicColour.LIGHT_BROWN), true, 1);
        LesionSegmentation.Result result = LesionSegmentation.segment(image);
        assertThat(result.trustworthy()).as(result.reason()).isTrue();
        assertThat(DrawnLesions.iou(result.mask(), DrawnLesions.mask(192, 192, lesion))).isGreaterThan(0.95);
        assertThat(result.field().contains(0, 0)).as("black corner is outside the field").isFalse();
        assertThat(result.mask().contains(2, 2)).isFalse();
    }

    @Test
    void keepsPaleAndDarkPartsOfOneLesionTogether() {
        // white regression beside black pigment: a single dark channel would lose the white wedge
        var lesion = DrawnLesions.disc(64, 64, 30);
        BufferedImage image = DrawnLesions.draw(128, 128, lesion,
                List.of(DermoscopicColour.WHITE, DermoscopicColour.BLACK, DermoscopicColour.LIGHT_BROWN), false, 2);
        LesionSegmentation.Result result = LesionSegmentation.segment(image);
        assertThat(result.trustworthy()).as(result.reason()).isTrue();
        assertThat(DrawnLesions.iou(result.mask(), DrawnLesions.mask(128, 128, lesion))).isGreaterThan(0.9);
    }

    @Test
    void segmentsRenderedLesionsCloseToTheirPaintedMasks() {
        for (int size : new int[] {64, 160}) {
            for (long seed = 0; seed < 4; seed++) {
                SyntheticLesion rendered = LesionRenderer.render(100 + seed, seed / 3.0, size, size);
                LesionSegmentation.Result result = LesionSegmentation.segment(rendered.image());
                assertThat(result.trustworthy()).as("seed %d at %d: %s", seed, size, result.reason()).isTrue();
                BinaryMask painted = DrawnLesions.mask(size, size, (x, y) -> rendered.mask().contains(x, y));
                assertThat(DrawnLesions.iou(result.mask(), painted)).as("seed %d at %d", seed, size).isGreaterThan(size == 64 ? 0.7 : 0.85);
            }
        }
    }

    @Test
    void plainSkinBlackFramesAndNoiseAreNotLesions() {
        assertThat(LesionSegmentation.segment(DrawnLesions.skin(64, 64, false, 3)).trustworthy()).isFalse();
        assertThat(LesionSegmentation.segment(DrawnLesions.skin(160, 120, true, 4)).trustworthy()).isFalse();
        BufferedImage black = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        LesionSegmentation.Result dark = LesionSegmentation.segment(black);
        assertThat(dark.trustworthy()).isFalse();
        assertThat(dark.reason()).contains("too dark");
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(5);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        assertThat(LesionSegmentation.segment(noise).trustworthy()).isFalse();
    }

    @Test
    void aLesionFillingTheWholeViewIsNotTrusted() {
        BufferedImage image = DrawnLesions.draw(96, 96, (x, y) -> x > 1 && y > 1 && x < 94 && y < 94,
                List.of(DermoscopicColour.DARK_BROWN), false, 6);
        LesionSegmentation.Result result = LesionSegmentation.segment(image);
        assertThat(result.trustworthy()).isFalse();
    }

    @Test
    void fieldOfViewDividesOutTheVignetteButNotACentralLesion() {
        BufferedImage image = DrawnLesions.draw(128, 128, DrawnLesions.disc(64, 64, 25), List.of(DermoscopicColour.BLACK), true, 7);
        FieldOfView field = FieldOfView.estimate(PlanarImage.fromBufferedImage(image));
        assertThat(field.transmission(64, 64)).as("the dark lesion is not mistaken for shading").isGreaterThan(0.9);
        assertThat(field.transmission(1, 1)).isLessThan(FieldOfView.MIN_TRANSMISSION);
    }
}
