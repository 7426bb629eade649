package org.lesionsim.metrics;

import java.util.Random;

/** Synthetic images for metric tests: smooth random blobs and gradients, plus noise. */
final class TestImages {
    private TestImages() {
    }

    static PlanarImage constant(int channels, int h, int w, float value) {
        float[] v = new float[channels * h * w];
        java.util.Arrays.fill(v, value);
        return new PlanarImage(channels, h, w, v);
    }

    /** A few Gaussian blobs of random colour on a gradient background, in [0, 1]. */
    static PlanarImage blobs(int channels, int h, int w, Random random) {
        float[] v = new float[channels * h * w];
        int blobs = 3 + random.nextInt(3);
        double[][] params = new double[blobs][];
        for (int b = 0; b < blobs; b++) {
            params[b] = new double[] {random.nextDouble() * w, random.nextDouble() * h, 2 + random.nextDouble() * w / 5.0,
                    random.nextDouble(), random.nextDouble(), random.nextDouble()};
        }
        double gx = random.nextDouble() * 0.3;
        double gy = random.nextDouble() * 0.3;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0.2 + gx * x / w + gy * y / h;
                    for (double[] p : params) {
                        double dx = x - p[0];
                        double dy = y - p[1];
                        s += 0.6 * p[3 + c % 3] * Math.exp(-(dx * dx + dy * dy) / (2 * p[2] * p[2]));
                    }
                    v[(c * h + y) * w + x] = (float) Math.min(1.0, s);
                }
            }
        }
        return new PlanarImage(channels, h, w, v);
    }

    /** Blobs plus a fine random texture (sinusoids up to near Nyquist), so every pyramid level has content. */
    static PlanarImage textured(int channels, int h, int w, Random random) {
        PlanarImage base = blobs(channels, h, w, random);
        float[] v = base.values().clone();
        for (int wave = 0; wave < 6; wave++) {
            double fx = (random.nextDouble() - 0.5) * 2.5;
            double fy = (random.nextDouble() - 0.5) * 2.5;
            double phase = random.nextDouble() * 2 * Math.PI;
            double amplitude = 0.04 + 0.04 * random.nextDouble();
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = (c * h + y) * w + x;
                        v[i] = (float) Math.max(0.0, Math.min(1.0, v[i] + amplitude * Math.sin(fx * x + fy * y + phase + c)));
                    }
                }
            }
        }
        return new PlanarImage(channels, h, w, v);
    }

    static PlanarImage uniformNoise(int channels, int h, int w, Random random) {
        float[] v = new float[channels * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat();
        }
        return new PlanarImage(channels, h, w, v);
    }

    /** x + N(0, σ²) per value, clipped to [0, 1]. */
    static PlanarImage withNoise(PlanarImage image, double sigma, Random random) {
        float[] v = image.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.max(0.0, Math.min(1.0, v[i] + sigma * random.nextGaussian()));
        }
        return new PlanarImage(image.channels(), image.height(), image.width(), v);
    }
}
