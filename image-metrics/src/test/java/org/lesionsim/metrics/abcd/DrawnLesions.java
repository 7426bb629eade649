package org.lesionsim.metrics.abcd;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import org.lesionsim.imaging.DermoscopicColour;
import org.lesionsim.imaging.mask.BinaryMask;

/**
 * Hand-drawn test images whose truth is exact by construction: skin with a little noise, an
 * optional dark vignette, and a lesion given as a pixel predicate, painted in one or more
 * reference colours (angular wedges about the lesion centre).
 */
final class DrawnLesions {
    static final int SKIN = 0xE1B9A5; // (225, 185, 165)

    private DrawnLesions() {
    }

    /** Pixel centres (x + 0.5, y + 0.5) within radius r of (cx, cy). */
    static BiPredicate<Integer, Integer> disc(double cx, double cy, double r) {
        return (x, y) -> Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
    }

    /** An axis-aligned ellipse: symmetric about both its axes. */
    static BiPredicate<Integer, Integer> ellipse(double cx, double cy, double rx, double ry) {
        return (x, y) -> {
            double u = (x + 0.5 - cx) / rx;
            double v = (y + 0.5 - cy) / ry;
            return u * u + v * v <= 1;
        };
    }

    /**
     * @param colours  the lesion's colours, as equal angular wedges (one colour fills it all)
     * @param vignette whether to darken the corners outside the inscribed circle to black
     */
    static BufferedImage draw(int width, int height, BiPredicate<Integer, Integer> lesion, List<DermoscopicColour> colours,
                              boolean vignette, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double cx = width / 2.0;
        double cy = height / 2.0;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = SKIN;
                if (lesion.test(x, y) && !colours.isEmpty()) {
                    double turn = (Math.atan2(y + 0.5 - cy, x + 0.5 - cx) / (2 * Math.PI) + 1) % 1;
                    DermoscopicColour c = colours.get(Math.min(colours.size() - 1, (int) (turn * colours.size())));
                    rgb = (c.red() << 16) | (c.green() << 8) | c.blue();
                }
                double light = 1;
                if (vignette) {
                    double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / (Math.min(width, height) / 2.0);
                    light = Math.max(0, Math.min(1, (1.05 - d) / 0.1));
                }
                image.setRGB(x, y, shade(rgb, light, random.nextDouble(-3, 3)));
            }
        }
        return image;
    }

    /**
     * A disc lesion of radius r at the image centre: a rim of {@code rim} colour around an inner
     * disc (radius 0.7·r) split into equal wedges of {@code inner} colours, the way dermoscopy shows
     * darker and bluish colours inside a lighter rim.
     */
    static BufferedImage rimAndWedges(int size, double r, DermoscopicColour rim, List<DermoscopicColour> inner, long seed) {
        BufferedImage image = draw(size, size, disc(size / 2.0, size / 2.0, r), List.of(rim), false, seed);
        if (inner.isEmpty()) {
            return image;
        }
        BufferedImage wedges = draw(size, size, disc(size / 2.0, size / 2.0, 0.7 * r), inner, false, seed);
        var centre = disc(size / 2.0, size / 2.0, 0.7 * r);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (centre.test(x, y)) {
                    image.setRGB(x, y, wedges.getRGB(x, y));
                }
            }
        }
        return image;
    }

    /** Plain skin, no lesion. */
    static BufferedImage skin(int width, int height, boolean vignette, long seed) {
        return draw(width, height, (x, y) -> false, List.of(), vignette, seed);
    }

    static BinaryMask mask(int width, int height, BiPredicate<Integer, Integer> lesion) {
        boolean[] bits = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                bits[y * width + x] = lesion.test(x, y);
            }
        }
        return new BinaryMask(width, height, bits);
    }

    static double iou(BinaryMask a, BinaryMask b) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < a.width() * a.height(); i++) {
            both += a.get(i) && b.get(i) ? 1 : 0;
            either += a.get(i) || b.get(i) ? 1 : 0;
        }
        return (double) both / either;
    }

    private static int shade(int rgb, double light, double noise) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double v = ((rgb >> shift) & 0xFF) * light + noise * light;
            out |= (int) Math.max(0, Math.min(255, Math.round(v))) << shift;
        }
        return out;
    }
}
