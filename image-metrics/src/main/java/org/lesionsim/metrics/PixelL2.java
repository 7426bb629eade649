package org.lesionsim.metrics;

/**
 * Pixel-wise L2 reconstruction loss as e4e reports it: {@code F.mse_loss} (mean over every channel
 * and pixel of the squared difference) on images scaled to the generator's <b>[−1, 1]</b> range.
 * In: two {@link PlanarImage}s in [0, 1], which are mapped by {@code 2x − 1} first, so the value is
 * 4× the mean squared error measured in [0, 1] units. 0 for identical images, at most 4.
 */
public final class PixelL2 {
    private PixelL2() {
    }

    public static double meanSquaredError(PlanarImage a, PlanarImage b) {
        a.requireSameShape(b);
        float[] x = a.values();
        float[] y = b.values();
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            double d = 2.0 * ((double) x[i] - y[i]); // (2x − 1) − (2y − 1)
            sum += d * d;
        }
        return sum / x.length;
    }
}
