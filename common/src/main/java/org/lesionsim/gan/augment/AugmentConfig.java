package org.lesionsim.gan.augment;

/**
 * Which augmentations {@link AugmentPipe} applies and how strongly ({@code training/augment.py:
 * AugmentPipe.__init__}). Each probability multiplier is multiplied by the overall strength
 * {@code p} that ADA adjusts; the spreads are the reference defaults.
 *
 * @param xflip       probability multiplier of a horizontal flip
 * @param rotate90    of a rotation by a random multiple of 90 degrees
 * @param xint        of an integer translation
 * @param xintMax     largest translation, as a fraction of the image size (0.125)
 * @param brightness  of adding N(0, brightnessStd) to every channel
 * @param contrast    of scaling by 2^N(0, contrastStd)
 * @param lumaflip    of reflecting colours through the luma plane
 * @param hue         of rotating colours about the luma axis by U(-pi, pi) * hueMax
 * @param saturation  of scaling chroma by 2^N(0, saturationStd)
 */
public record AugmentConfig(
        double xflip, double rotate90, double xint, double xintMax,
        double brightness, double contrast, double lumaflip, double hue, double saturation,
        double brightnessStd, double contrastStd, double hueMax, double saturationStd) {

    public AugmentConfig {
        for (double v : new double[] {xflip, rotate90, xint, xintMax, brightness, contrast, lumaflip, hue, saturation,
                brightnessStd, contrastStd, hueMax, saturationStd}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("augmentation settings must be finite and >= 0");
            }
        }
        if (xintMax >= 0.5) {
            throw new IllegalArgumentException("xintMax must be below 0.5 (reflection padding), got " + xintMax);
        }
    }

    /**
     * Pixel blitting and colour transforms ({@code augpipe='bc'} of {@code train.py}), reference
     * spreads. The general geometric group ({@code 'g'}: scale, rotate, anisotropy, fractional
     * translation) needs {@code grid_sample} and is not here.
     */
    public static AugmentConfig blitAndColor() {
        return new AugmentConfig(1, 1, 1, 0.125, 1, 1, 1, 1, 1, 0.2, 0.5, 1, 1);
    }

    /** Only the lossless pixel blits ({@code augpipe='blit'}). */
    public static AugmentConfig blit() {
        return new AugmentConfig(1, 1, 1, 0.125, 0, 0, 0, 0, 0, 0.2, 0.5, 1, 1);
    }
}
