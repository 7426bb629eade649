package org.lesionsim.data.synthetic;

import java.util.SplittableRandom;

/**
 * A lesion outline as a radius function r(θ) about its centre, in units of the image width:
 * a mean radius, an ellipse, low harmonics (k = 1..4, random phases) that make it lopsided, and a
 * finer spectrum (k = 5..40, falling as k^-1.3) that lobulates and notches the border. Progression t drives all three:
 * a benign outline is small, round and smooth; a malignant one larger, asymmetric and notched.
 */
final class LesionShape {
    private static final int SAMPLES = 4096;

    private final double[] radius = new double[SAMPLES];
    private final double borderIrregularity;
    private final double meanRadius;
    private final double maxRadius;

    private LesionShape(double[] radius) {
        System.arraycopy(radius, 0, this.radius, 0, SAMPLES);
        this.borderIrregularity = perimeterOverHullPerimeter() - 1;
        double sum = 0;
        double max = 0;
        for (double v : radius) {
            sum += v;
            max = Math.max(max, v);
        }
        this.meanRadius = sum / SAMPLES;
        this.maxRadius = max;
    }

    /**
     * @param maxRadius the largest radius allowed (image-width units), so the lesion stays inside
     *                  the dermatoscope's field; a lesion that would exceed it is scaled down whole
     */
    static LesionShape sample(SplittableRandom random, double t, double maxRadius) {
        double meanRadius = 0.5 * (0.22 + 0.34 * t) * Math.exp(0.12 * gaussian(random));
        double axisRatio = 1 - random.nextDouble(0, 0.10 + 0.12 * t);
        double lopsided = 0.012 + 0.17 * t;
        double ragged = 0.006 + 0.05 * t;

        double[] lowAmp = new double[5];
        double[] lowPhase = new double[5];
        for (int k = 1; k <= 4; k++) {
            lowAmp[k] = lopsided * random.nextDouble(0.4, 1.0) / Math.sqrt(k);
            lowPhase[k] = random.nextDouble(0, 2 * Math.PI);
        }
        int highCount = 36;
        double[] highAmp = new double[highCount];
        double[] highPhase = new double[highCount];
        double energy = 0;
        for (int i = 0; i < highCount; i++) {
            int k = 5 + i;
            highAmp[i] = random.nextDouble(0.2, 1.0) / Math.pow(k, 1.3);
            highPhase[i] = random.nextDouble(0, 2 * Math.PI);
            energy += 0.5 * highAmp[i] * highAmp[i];
        }
        double highScale = ragged / Math.sqrt(energy); // RMS of the ragged part equals `ragged`

        double[] r = new double[SAMPLES];
        double max = 0;
        for (int s = 0; s < SAMPLES; s++) {
            double theta = 2 * Math.PI * s / SAMPLES;
            double ellipse = axisRatio / Math.sqrt(Math.pow(axisRatio * Math.cos(theta), 2) + Math.pow(Math.sin(theta), 2));
            double low = 1;
            for (int k = 1; k <= 4; k++) {
                low += lowAmp[k] * Math.cos(k * theta + lowPhase[k]);
            }
            double high = 0;
            for (int i = 0; i < highCount; i++) {
                high += highAmp[i] * Math.cos((5 + i) * theta + highPhase[i]);
            }
            r[s] = meanRadius * ellipse * low * (1 + highScale * high);
            max = Math.max(max, r[s]);
        }
        if (max > maxRadius) {
            for (int s = 0; s < SAMPLES; s++) {
                r[s] *= maxRadius / max;
            }
        }
        return new LesionShape(r);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller from SplittableRandom (it has no nextGaussian before Java 17's RandomGenerator default)
        double u = random.nextDouble(1e-12, 1);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** r(θ), linearly interpolated from the table; θ in radians, any value. */
    double radiusAt(double theta) {
        double s = theta / (2 * Math.PI) * SAMPLES;
        s -= Math.floor(s / SAMPLES) * SAMPLES;
        int i = (int) s;
        double f = s - i;
        return radius[i % SAMPLES] * (1 - f) + radius[(i + 1) % SAMPLES] * f;
    }

    double maxRadius() {
        return maxRadius;
    }

    double meanRadius() {
        return meanRadius;
    }

    /**
     * Border irregularity: the outline's perimeter over the perimeter of its convex hull, minus 1.
     * 0 for any convex outline (a circle or an ellipse, however elongated); it grows with notches,
     * indentations and a ragged edge, and does not depend on size.
     */
    double borderIrregularity() {
        return borderIrregularity;
    }

    private double perimeterOverHullPerimeter() {
        double[] x = new double[SAMPLES];
        double[] y = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            double theta = 2 * Math.PI * s / SAMPLES;
            x[s] = radius[s] * Math.cos(theta);
            y[s] = radius[s] * Math.sin(theta);
        }
        double perimeter = 0;
        for (int s = 0; s < SAMPLES; s++) {
            int n = (s + 1) % SAMPLES;
            perimeter += Math.hypot(x[n] - x[s], y[n] - y[s]);
        }
        // the outline is star-shaped and ordered by angle, so a single Graham-style pass builds the hull
        int[] hull = new int[2 * SAMPLES];
        int start = 0;
        for (int s = 1; s < SAMPLES; s++) {
            if (x[s] > x[start]) {
                start = s;
            }
        }
        int k = 0;
        for (int i = 0; i <= SAMPLES; i++) {
            int s = (start + i) % SAMPLES;
            while (k >= 2 && cross(x, y, hull[k - 2], hull[k - 1], s) <= 0) {
                k--;
            }
            hull[k++] = s;
        }
        double hullPerimeter = 0;
        for (int i = 0; i + 1 < k; i++) {
            hullPerimeter += Math.hypot(x[hull[i + 1]] - x[hull[i]], y[hull[i + 1]] - y[hull[i]]);
        }
        return perimeter / hullPerimeter;
    }

    private static double cross(double[] x, double[] y, int o, int a, int b) {
        return (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
    }
}
