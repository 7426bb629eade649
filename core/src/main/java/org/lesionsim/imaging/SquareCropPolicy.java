package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * How a rectangular dermoscopy image becomes a square before resizing. Deterministic: with an odd
 * difference, the extra row or column is cropped from (or added at) the right/bottom. HAM10000
 * images are 600×450 (4:3) with the lesion roughly centred, so every policy keeps the centre.
 *
 * <p>All three are one operation with a different target side S for a w×h image (s = min(w, h),
 * l = max(w, h)): the centred S×S window of the image, where a side longer than S is cropped
 * centrally and a side shorter than S is padded equally on both sides with a {@link PadFill}.
 */
public enum SquareCropPolicy {
    /** S = s: the central square; loses the long side's margins, adds nothing. 600×450 → 450×450. */
    CENTRE_CROP,
    /** S = l: pads the short side; keeps every pixel, adds the most synthetic border. 600×450 → 600×600. */
    PAD,
    /**
     * The research's "centre crop + padding" (the default). S = min(l, round(cropRatio × s)): the
     * long side is centre-cropped to at most cropRatio times the short side, then the short side is
     * padded to S. cropRatio = 1 is {@link #CENTRE_CROP}, cropRatio ≥ l/s is {@link #PAD}. With
     * the default cropRatio 1.2 and reflect padding, 600×450 → crop 30 columns from each side to
     * 540×450 → pad 45 rows at top and bottom to 540×540: the lesion and most of the skin around
     * it are kept, and only 17% of the square is synthetic (centre crop loses 25% of the image,
     * pure padding makes 25% of the square synthetic).
     */
    CROP_THEN_PAD;

    /** The research default: keep the long side up to 1.2× the short side. */
    public static final double DEFAULT_CROP_RATIO = 1.2;

    /** The side S of the square this policy makes from a {@code width}×{@code height} image. */
    public int squareSide(int width, int height, double cropRatio) {
        if (cropRatio < 1 || Double.isNaN(cropRatio)) {
            throw new IllegalArgumentException("cropRatio must be >= 1, got " + cropRatio);
        }
        int shortSide = Math.min(width, height);
        int longSide = Math.max(width, height);
        return switch (this) {
            case CENTRE_CROP -> shortSide;
            case PAD -> longSide;
            case CROP_THEN_PAD -> (int) Math.min(longSide, Math.round(cropRatio * shortSide));
        };
    }

    /** The centred S×S window of {@code img} ({@code TYPE_INT_RGB}), padded with {@code fill} where it leaves the image. */
    public BufferedImage apply(BufferedImage img, double cropRatio, PadFill fill) {
        int w = img.getWidth();
        int h = img.getHeight();
        int side = squareSide(w, h, cropRatio);
        int[] columns = window(w, side, fill);
        int[] rows = window(h, side, fill);
        int[] src = RgbPixels.array(img);
        BufferedImage square = RgbPixels.create(side, side);
        int[] dst = RgbPixels.array(square);
        for (int y = 0; y < side; y++) {
            int sy = rows[y];
            for (int x = 0; x < side; x++) {
                int sx = columns[x];
                dst[y * side + x] = sy < 0 || sx < 0 ? fill.rgb() : src[sy * w + sx] & 0xFFFFFF;
            }
        }
        return square;
    }

    /**
     * Source index for each of {@code side} output positions along an axis of length n: an offset
     * of (n − side) / 2 (truncated toward zero, so the odd pixel goes right/bottom both when
     * cropping and when padding), out-of-range indices resolved by the fill.
     */
    private static int[] window(int n, int side, PadFill fill) {
        int offset = (n - side) / 2;
        int[] index = new int[side];
        for (int i = 0; i < side; i++) {
            index[i] = fill.sourceIndex(i + offset, n);
        }
        return index;
    }
}
