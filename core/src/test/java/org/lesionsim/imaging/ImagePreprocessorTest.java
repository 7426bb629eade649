package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The whole chain on HAM10000-shaped input: a square PNG at the configured resolution, lesion centred. */
class ImagePreprocessorTest {
    private static final byte[] HAM_LIKE = TestImages.jpeg(TestImages.lesion(600, 450, 90));

    @Test
    void a600x450JpegBecomesA256SquarePngWithTheLesionCentred() throws Exception {
        PreprocessedImage out = ImagePreprocessor.preprocess(HAM_LIKE, PreprocessingConfig.research(256));
        assertThat(out.width()).isEqualTo(256);
        assertThat(out.height()).isEqualTo(256);
        assertThat(out.sourceWidth()).isEqualTo(600);
        assertThat(out.sourceHeight()).isEqualTo(450);
        assertThat(out.exifOrientation()).isEqualTo(1);
        assertThat(out.sourceFormat()).isEqualTo(ImageFormat.JPEG);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(out.png()));
        assertThat(png.getWidth()).isEqualTo(256);
        assertThat(png.getHeight()).isEqualTo(256);
        double[] c = TestImages.darkCentroid(png, 128);
        assertThat(c[0]).isCloseTo(127.5, within(0.75));
        assertThat(c[1]).isCloseTo(127.5, within(0.75));
        // the disc's diameter, 181 of 540 pixels, scaled to 256
        double area = c[2];
        assertThat(2 * Math.sqrt(area / Math.PI)).isCloseTo(181 * 256 / 540.0, within(2.0));
        String keep = System.getProperty("lesionsim.imaging.keepOutput");
        if (keep != null) { // -Dlesionsim.imaging.keepOutput=/tmp/x.png to look at the result
            Files.write(Path.of(keep), out.png());
        }
    }

    @Test
    void exifRotationIsAppliedBeforeSquaring() {
        byte[] rotated = TestImages.withExifOrientation(HAM_LIKE, 6, ByteOrder.BIG_ENDIAN);
        PreprocessedImage out = ImagePreprocessor.preprocess(rotated, PreprocessingConfig.research(128));
        assertThat(out.exifOrientation()).isEqualTo(6);
        assertThat(out.sourceWidth()).isEqualTo(450); // upright: portrait
        assertThat(out.sourceHeight()).isEqualTo(600);
        assertThat(out.width()).isEqualTo(128);
    }

    @Test
    void theSameInputAndConfigurationGiveTheSameBytes() {
        PreprocessingConfig config = PreprocessingConfig.research(64);
        assertThat(ImagePreprocessor.preprocess(HAM_LIKE, config).png()).isEqualTo(ImagePreprocessor.preprocess(HAM_LIKE, config).png());
    }

    @Test
    void aSmallImageIsEnlargedWithLanczos() throws Exception {
        byte[] small = TestImages.encode(TestImages.lesion(100, 80, 20), "png");
        PreprocessedImage out = ImagePreprocessor.preprocess(small, PreprocessingConfig.research(256));
        assertThat(out.sourceFormat()).isEqualTo(ImageFormat.PNG);
        assertThat(ImageIO.read(new ByteArrayInputStream(out.png())).getWidth()).isEqualTo(256);
    }

    @Test
    void rejectionsPassThroughWithTheirReason() {
        assertThatThrownBy(() -> ImagePreprocessor.preprocess(TestImages.encode(TestImages.lesion(20, 20, 5), "gif"),
                PreprocessingConfig.research(64)))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_FORMAT));
        // 4000x10 is within 1 MP, but padding it to 4000x4000 is not
        byte[] strip = TestImages.encode(TestImages.filled(4000, 10, 0x808080), "png");
        PreprocessingConfig pad = PreprocessingConfig.of(64, SquareCropPolicy.PAD, 1_000_000);
        assertThatThrownBy(() -> ImagePreprocessor.preprocess(strip, pad))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_MANY_PIXELS));
        assertThat(ImagePreprocessor.preprocess(strip, PreprocessingConfig.of(64, SquareCropPolicy.CROP_THEN_PAD, 1_000_000)).width())
                .isEqualTo(64);
    }

    @Test
    void theFingerprintNamesEverySettingThatChangesPixels() {
        PreprocessingConfig research = PreprocessingConfig.research(256);
        assertThat(research.fingerprint()).isEqualTo("centre-crop-pad-1.2-reflect_r256_area");
        assertThat(PreprocessingConfig.of(256, SquareCropPolicy.CENTRE_CROP, 1).fingerprint()).isEqualTo("centre-crop_r256_area");
        assertThat(PreprocessingConfig.of(512, SquareCropPolicy.PAD, 1).withPadFill(PadFill.constant(0))
                .withDownscaleFilter(Resampler.Filter.LANCZOS3).fingerprint()).isEqualTo("pad-const-000000_r512_lanczos3");
        assertThat(research.withCropRatio(1.25).fingerprint()).isEqualTo("centre-crop-pad-1.25-reflect_r256_area");
        assertThat(research.withPadFill(PadFill.EDGE).fingerprint()).isNotEqualTo(research.fingerprint());
        assertThat(new PreprocessingConfig(256, SquareCropPolicy.CROP_THEN_PAD, 1.20, PadFill.REFLECT, Resampler.Filter.AREA, 7)
                .fingerprint()).as("maxPixels changes no pixel").isEqualTo(research.fingerprint());
        assertThat(research.fingerprint()).matches("[a-z0-9][a-z0-9._=-]{0,127}"); // an object-key segment
    }
}
