package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * 8-bit RGB ↔ the networks' pixel range, as {@code training_loop.py} and e4e do: in, {@code x / 127.5 - 1}
 * into a {@code [3, H, W]} (C order) float array; out, {@code (v + 1) · 127.5} rounded and clamped.
 */
public final class GanPixels {
    private GanPixels() {
    }

    /** RGB image → {@code [3, H, W]} in [-1, 1]. */
    public static float[] toMinusOneToOne(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    out[c * plane + y * w + x] = ((rgb >> (16 - 8 * c)) & 0xff) / 127.5f - 1f;
                }
            }
        }
        return out;
    }

    /** {@code values[offset ..]} holding {@code [3, H, W]} in about [-1, 1] → RGB image. */
    public static BufferedImage toImage(float[] values, int offset, int width, int height) {
        int plane = width * height;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    rgb = (rgb << 8) | toByte(values[offset + c * plane + y * width + x]);
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    public static BufferedImage toImage(float[] chw, int width, int height) {
        return toImage(chw, 0, width, height);
    }

    /** One value in [-1, 1] → 0..255. */
    public static int toByte(float v) {
        return (int) Math.max(0, Math.min(255, Math.rint((v + 1) * 127.5)));
    }
}
