package org.lesionsim.data.synthetic;

import java.util.SplittableRandom;

/**
 * Hairs lying across the field, as in many HAM10000 images: a few dark, slightly curved strands
 * (quadratic Bézier curves) of one to a few pixels, anti-aliased. Drawn over skin and lesion
 * alike; thin enough that a morphological opening removes them from a segmentation.
 */
final class Hairs {
    private final float[] coverage;
    private final float[][] colour;
    private final int width;

    private Hairs(int width, int height) {
        this.width = width;
        this.coverage = new float[width * height];
        this.colour = new float[3][width * height];
    }

    static Hairs sample(SplittableRandom random, int width, int height) {
        Hairs hairs = new Hairs(width, height);
        int count = random.nextDouble() < 0.4 ? 0 : 1 + random.nextInt(7);
        for (int h = 0; h < count; h++) {
            double x0 = random.nextDouble(-0.1, 1.1) * width;
            double y0 = random.nextDouble(-0.1, 1.1) * height;
            double angle = random.nextDouble(0, Math.PI);
            double length = random.nextDouble(0.25, 0.8) * width;
            double x2 = x0 + length * Math.cos(angle);
            double y2 = y0 + length * Math.sin(angle);
            double bend = random.nextDouble(-0.3, 0.3) * length;
            double x1 = (x0 + x2) / 2 - bend * Math.sin(angle);
            double y1 = (y0 + y2) / 2 + bend * Math.cos(angle);
            double thickness = random.nextDouble(0.0035, 0.0075) * width;
            double opacity = random.nextDouble(0.75, 0.95);
            float[] rgb = {(float) random.nextDouble(30, 62), (float) random.nextDouble(22, 42), (float) random.nextDouble(18, 32)};
            hairs.stroke(x0, y0, x1, y1, x2, y2, thickness, opacity, rgb, height);
        }
        return hairs;
    }

    private void stroke(double x0, double y0, double x1, double y1, double x2, double y2, double thickness, double opacity,
                        float[] rgb, int height) {
        int steps = (int) Math.ceil(2 * (Math.hypot(x1 - x0, y1 - y0) + Math.hypot(x2 - x1, y2 - y1)));
        double half = thickness / 2;
        int reach = (int) Math.ceil(half + 1);
        for (int s = 0; s <= steps; s++) {
            double t = (double) s / steps;
            double a = (1 - t) * (1 - t);
            double b = 2 * (1 - t) * t;
            double c = t * t;
            double px = a * x0 + b * x1 + c * x2;
            double py = a * y0 + b * y1 + c * y2;
            // hairs taper towards their free end
            double taper = half * (1 - 0.5 * t);
            int cx = (int) Math.round(px);
            int cy = (int) Math.round(py);
            for (int y = cy - reach; y <= cy + reach; y++) {
                for (int x = cx - reach; x <= cx + reach; x++) {
                    if (x < 0 || y < 0 || x >= width || y >= height) {
                        continue;
                    }
                    double cover = Math.max(0, Math.min(1, taper + 0.5 - RenderMath.length(x - px, y - py))) * opacity;
                    int i = y * width + x;
                    if (cover > coverage[i]) {
                        coverage[i] = (float) cover;
                        colour[0][i] = rgb[0];
                        colour[1][i] = rgb[1];
                        colour[2][i] = rgb[2];
                    }
                }
            }
        }
    }

    /** Lays the hair at pixel index {@code i} over {@code rgb}. */
    void over(int i, double[] rgb) {
        float a = coverage[i];
        if (a > 0) {
            for (int c = 0; c < 3; c++) {
                rgb[c] = rgb[c] * (1 - a) + colour[c][i] * a;
            }
        }
    }
}
