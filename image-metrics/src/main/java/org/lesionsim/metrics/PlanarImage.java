package org.lesionsim.metrics;

import java.awt.image.BufferedImage;

/**
 * The image form every image metric here takes: C planes of H×W floats, channel-major
 * ({@code values[(c·H + y)·W + x]}), nominally in <b>[0, 1]</b> (1 = white). Generator output in
 * [−1, 1] converts with {@link #fromMinusOneToOne}. Values are not clamped, so noisy test images may
 * leave the range. The array is shared, not copied: treat it as read-only.
 */
public record PlanarImage(int channels, int height, int width, float[] values) {
    public PlanarImage {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image needs positive channels, height and width, got " + channels + "×" + height + "×" + width);
        }
        if (values.length != channels * height * width) {
            throw new IllegalArgumentException("expected " + channels * height * width + " values for " + channels + "×" + height + "×" + width + ", got " + values.length);
        }
    }

    public float get(int c, int y, int x) {
        return values[(c * height + y) * width + x];
    }

    /** RGB planes of a decoded image, 8-bit values divided by 255. Alpha is ignored. */
    public static PlanarImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] v = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            v[i] = (argb[i] >> 16 & 0xff) / 255f;
            v[plane + i] = (argb[i] >> 8 & 0xff) / 255f;
            v[2 * plane + i] = (argb[i] & 0xff) / 255f;
        }
        return new PlanarImage(3, h, w, v);
    }

    /** From a {@code [C][H][W]} array already in [0, 1]. */
    public static PlanarImage fromChw(float[][][] chw) {
        int c = chw.length;
        int h = chw[0].length;
        int w = chw[0][0].length;
        float[] v = new float[c * h * w];
        for (int ci = 0; ci < c; ci++) {
            if (chw[ci].length != h) {
                throw new IllegalArgumentException("channel " + ci + " has " + chw[ci].length + " rows, expected " + h);
            }
            for (int y = 0; y < h; y++) {
                if (chw[ci][y].length != w) {
                    throw new IllegalArgumentException("row " + y + " of channel " + ci + " has " + chw[ci][y].length + " values, expected " + w);
                }
                System.arraycopy(chw[ci][y], 0, v, (ci * h + y) * w, w);
            }
        }
        return new PlanarImage(c, h, w, v);
    }

    /** From channel-major values in the generator's [−1, 1] range: x ↦ (x + 1) / 2. */
    public static PlanarImage fromMinusOneToOne(int channels, int height, int width, float[] values) {
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (values[i] + 1f) * 0.5f;
        }
        return new PlanarImage(channels, height, width, v);
    }

    boolean sameShape(PlanarImage other) {
        return channels == other.channels && height == other.height && width == other.width;
    }

    void requireSameShape(PlanarImage other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("images differ in shape: " + channels + "×" + height + "×" + width
                    + " vs " + other.channels + "×" + other.height + "×" + other.width);
        }
    }
}
