package org.lesionsim.imaging;

/**
 * How a rectangular dermoscopy image becomes a square. HAM10000 images are 600×450 (4:3) with the
 * lesion roughly centred.
 */
public enum SquareCropPolicy {
    /** The central square of side min(w, h): loses the long side's margins. */
    CENTRE_CROP,
    /** Reflect-pad the short side to the long side: keeps everything, adds mirrored skin. */
    PAD,
    /**
     * The research's "centre crop + padding": crop the long side centrally to the short side plus
     * half the difference, then reflect-pad the short side to that length. 600×450 → crop to
     * 525×450 → pad to 525×525. Half of the margin is kept and half of what a pure pad would add
     * is synthesised; reflection (not a constant colour) so that the generator never learns bars.
     */
    CROP_THEN_PAD;

    /** The square image for {@code img} under this policy. */
    public int[] squareSide(int w, int h) {
        int shortSide = Math.min(w, h);
        int longSide = Math.max(w, h);
        return switch (this) {
            case CENTRE_CROP -> new int[] {shortSide, shortSide};
            case PAD -> new int[] {longSide, longSide};
            case CROP_THEN_PAD -> new int[] {shortSide + (longSide - shortSide) / 2, shortSide + (longSide - shortSide) / 2};
        };
    }

    /** Centre-crops each side to at most {@code side}, then reflect-pads each side up to {@code side}. */
    public java.awt.image.BufferedImage apply(java.awt.image.BufferedImage img) {
        int side = squareSide(img.getWidth(), img.getHeight())[0];
        int w = img.getWidth();
        int h = img.getHeight();
        // Offsets of the output's origin in source coordinates: positive crops, negative pads.
        int ox = (w - side) / 2;
        int oy = (h - side) / 2;
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            int sy = reflect(y + oy, h);
            for (int x = 0; x < side; x++) {
                out.setRGB(x, y, img.getRGB(reflect(x + ox, w), sy));
            }
        }
        return out;
    }

    /** Mirror index into [0, n) without repeating the edge pixel (numpy's 'reflect'). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
