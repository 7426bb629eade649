package org.lesionsim.progression;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.List;
import org.lesionsim.imaging.PixelFont;

/**
 * The research's progression figure: the frames of a latent walk side by side, left to right in α
 * order, each over a white band labelled {@code α=<value>} in black. In: frames of one size and
 * their α values. Out: a {@code TYPE_INT_RGB} image {@code n·W} wide and {@code H + band} high;
 * frame k's pixels are copied unchanged into columns {@code [k·W, (k+1)·W)}.
 */
public final class ProgressionStrip {
    private static final int WHITE = 0xffffff;
    private static final int BLACK = 0x000000;

    private ProgressionStrip() {
    }

    public static BufferedImage compose(List<BufferedImage> frames, List<Double> alphas) {
        if (frames.isEmpty() || frames.size() != alphas.size()) {
            throw new IllegalArgumentException("one α per frame needed: " + frames.size() + " frames, " + alphas.size() + " alphas");
        }
        int w = frames.get(0).getWidth();
        int h = frames.get(0).getHeight();
        int scale = Math.max(1, w / 64); // labels stay readable as frames grow
        int band = (PixelFont.GLYPH_HEIGHT + 4) * scale;
        BufferedImage strip = new BufferedImage(w * frames.size(), h + band, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < frames.size(); k++) {
            BufferedImage frame = frames.get(k);
            if (frame.getWidth() != w || frame.getHeight() != h) {
                throw new IllegalArgumentException("frame " + k + " is " + frame.getWidth() + "x" + frame.getHeight()
                        + ", frame 0 is " + w + "x" + h);
            }
            strip.setRGB(k * w, 0, w, h, frame.getRGB(0, 0, w, h, null, 0, w), 0, w);
            for (int y = h; y < h + band; y++) {
                for (int x = k * w; x < (k + 1) * w; x++) {
                    strip.setRGB(x, y, WHITE);
                }
            }
            String text = label(alphas.get(k));
            PixelFont.draw(strip, text, k * w + Math.max(0, (w - PixelFont.width(text, scale)) / 2), h + 2 * scale, scale, BLACK);
        }
        return strip;
    }

    /** {@code α=2}, {@code α=-1.5}, {@code α=0.25}: the value without trailing zeros, at most 3 decimals. */
    static String label(double alpha) {
        BigDecimal rounded = BigDecimal.valueOf(alpha).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        String value = rounded.signum() == 0 ? "0" : rounded.toPlainString();
        return "α=" + value;
    }
}
