package org.lesionsim.data.synthetic;

/** In-place box blur of a float image (radius r, edges clamped); run twice it is close to a Gaussian. */
final class BoxBlur {
    private BoxBlur() {
    }

    static void blur(float[] image, int width, int height, int r) {
        float[] line = new float[Math.max(width, height)];
        for (int y = 0; y < height; y++) {
            pass(image, y * width, 1, width, r, line);
        }
        for (int x = 0; x < width; x++) {
            pass(image, x, width, height, r, line);
        }
    }

    /** Running-sum blur along one row or column: {@code n} values from {@code start}, {@code step} apart. */
    private static void pass(float[] image, int start, int step, int n, int r, float[] line) {
        for (int i = 0; i < n; i++) {
            line[i] = image[start + i * step];
        }
        double sum = 0;
        for (int k = -r; k <= r; k++) {
            sum += line[Math.max(0, Math.min(n - 1, k))];
        }
        for (int i = 0; i < n; i++) {
            image[start + i * step] = (float) (sum / (2 * r + 1));
            sum += line[Math.min(n - 1, i + r + 1)] - line[Math.max(0, i - r)];
        }
    }
}
