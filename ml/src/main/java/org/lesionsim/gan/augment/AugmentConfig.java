package org.lesionsim.gan.augment;

/**
 * Which augmentations {@link AugmentPipe} applies and how strongly ({@code training/augment.py:
 * AugmentPipe.__init__}, same names and order). Each probability multiplier is multiplied by the
 * overall strength {@code p} that ADA adjusts; the spreads are the reference defaults.
 *
 * @param xflip         probability multiplier of a horizontal flip
 * @param rotate90      of a rotation by a random multiple of 90 degrees
 * @param xint          of an integer translation
 * @param xintMax       largest integer translation, as a fraction of the image size (0.125)
 * @param scale         of isotropic scaling by 2^N(0, scaleStd)
 * @param rotate        of arbitrary rotation by U(-pi, pi) * rotateMax, split into a pre- and a
 *                      post-rotation each with probability {@code 1 - sqrt(1 - rotate * p)}
 * @param aniso         of anisotropic scaling by (2^N(0, anisoStd), its inverse)
 * @param xfrac         of fractional translation by N(0, xfracStd) times the image size
 * @param scaleStd      log2 standard deviation of isotropic scaling (0.2)
 * @param rotateMax     range of arbitrary rotation, 1 = full circle
 * @param anisoStd      log2 standard deviation of anisotropic scaling (0.2)
 * @param xfracStd      standard deviation of fractional translation, relative to the image size (0.125)
 * @param brightness    of adding N(0, brightnessStd) to every channel
 * @param contrast      of scaling by 2^N(0, contrastStd)
 * @param lumaflip      of reflecting colours through the luma plane
 * @param hue           of rotating colours about the luma axis by U(-pi, pi) * hueMax
 * @param saturation    of scaling chroma by 2^N(0, saturationStd)
 * @param brightnessStd (0.2)
 * @param contrastStd   log2 (0.5)
 * @param hueMax        1 = full circle
 * @param saturationStd log2 (1)
 */
public record AugmentConfig(
        double xflip, double rotate90, double xint, double xintMax,
        double scale, double rotate, double aniso, double xfrac,
        double scaleStd, double rotateMax, double anisoStd, double xfracStd,
        double brightness, double contrast, double lumaflip, double hue, double saturation,
        double brightnessStd, double contrastStd, double hueMax, double saturationStd) {

    public AugmentConfig {
        for (double v : new double[] {xflip, rotate90, xint, xintMax, scale, rotate, aniso, xfrac,
                scaleStd, rotateMax, anisoStd, xfracStd, brightness, contrast, lumaflip, hue, saturation,
                brightnessStd, contrastStd, hueMax, saturationStd}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("augmentation settings must be finite and >= 0");
            }
        }
        if (xintMax >= 0.5) {
            throw new IllegalArgumentException("xintMax must be below 0.5 (reflection padding), got " + xintMax);
        }
    }

    /** Nothing enabled, reference spreads: the starting point of every preset. */
    public static AugmentConfig none() {
        return new AugmentConfig(0, 0, 0, 0.125, 0, 0, 0, 0, 0.2, 1, 0.2, 0.125, 0, 0, 0, 0, 0, 0.2, 0.5, 1, 1);
    }

    /** {@code augpipe='bgc'} of {@code train.py}, the reference default: blits, general geometry and colour. */
    public static AugmentConfig bgc() {
        return none().withBlit().withGeometry().withColor();
    }

    /** Pixel blitting and colour transforms ({@code augpipe='bc'}), without the general geometric group. */
    public static AugmentConfig blitAndColor() {
        return none().withBlit().withColor();
    }

    /** Only the lossless pixel blits ({@code augpipe='blit'}). */
    public static AugmentConfig blit() {
        return none().withBlit();
    }

    /** Only the general geometric transforms ({@code augpipe='geom'}). */
    public static AugmentConfig geometry() {
        return none().withGeometry();
    }

    /** This config with xflip, rotate90 and xint at multiplier 1. */
    public AugmentConfig withBlit() {
        return new AugmentConfig(1, 1, 1, xintMax, scale, rotate, aniso, xfrac, scaleStd, rotateMax, anisoStd, xfracStd,
                brightness, contrast, lumaflip, hue, saturation, brightnessStd, contrastStd, hueMax, saturationStd);
    }

    /** This config with scale, rotate, aniso and xfrac at multiplier 1. */
    public AugmentConfig withGeometry() {
        return withGeometry(1, 1, 1, 1);
    }

    /** This config with the given multipliers of the general geometric group. */
    public AugmentConfig withGeometry(double scale, double rotate, double aniso, double xfrac) {
        return new AugmentConfig(xflip, rotate90, xint, xintMax, scale, rotate, aniso, xfrac, scaleStd, rotateMax, anisoStd,
                xfracStd, brightness, contrast, lumaflip, hue, saturation, brightnessStd, contrastStd, hueMax, saturationStd);
    }

    /** This config with brightness, contrast, lumaflip, hue and saturation at multiplier 1. */
    public AugmentConfig withColor() {
        return new AugmentConfig(xflip, rotate90, xint, xintMax, scale, rotate, aniso, xfrac, scaleStd, rotateMax, anisoStd,
                xfracStd, 1, 1, 1, 1, 1, brightnessStd, contrastStd, hueMax, saturationStd);
    }

    /** Whether any transform of the general geometric group can fire. */
    public boolean hasGeometry() {
        return scale > 0 || rotate > 0 || aniso > 0 || xfrac > 0;
    }
}
