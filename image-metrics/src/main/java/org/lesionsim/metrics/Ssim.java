package org.lesionsim.metrics;

/**
 * Structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli 2004), computed as pytorch_msssim does:
 * per channel, local statistics under an 11-tap Gaussian window (σ = 1.5, separable, normalised,
 * "valid" positions only, no padding), then
 * <pre>  l = (2μxμy + C1) / (μx² + μy² + C1),   cs = (2σxy + C2) / (σx² + σy² + C2),   SSIM = mean(l·cs)</pre>
 * with {@code C1 = (K1·L)²}, {@code C2 = (K2·L)²}, K1 = 0.01, K2 = 0.03 and dynamic range <b>L = 1</b>
 * for {@link PlanarImage}'s [0, 1] values. The image score is the mean over channels (RGB channels
 * are scored separately and averaged, not converted to luminance). In: two images of one shape, each
 * side at least the window. Out: a value in [−1, 1], 1 for identical images.
 */
public final class Ssim {
    public static final int WINDOW_SIZE = 11;
    public static final double WINDOW_SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    public static final double DATA_RANGE = 1.0;

    /** Per-channel mean SSIM and mean contrast-structure term {@code cs} (what MS-SSIM needs). */
    record Components(double[] ssim, double[] cs) {
    }

    private final double[] window;
    private final double windowSigma;
    private final double c1;
    private final double c2;

    public Ssim() {
        this(WINDOW_SIZE, WINDOW_SIGMA, K1, K2, DATA_RANGE);
    }

    public Ssim(int windowSize, double windowSigma, double k1, double k2, double dataRange) {
        if (windowSize < 1 || windowSize % 2 == 0) {
            throw new IllegalArgumentException("window size must be odd, was " + windowSize);
        }
        this.window = gaussianWindow(windowSize, windowSigma);
        this.windowSigma = windowSigma;
        this.c1 = (k1 * dataRange) * (k1 * dataRange);
        this.c2 = (k2 * dataRange) * (k2 * dataRange);
    }

    public int windowSize() {
        return window.length;
    }

    public double windowSigma() {
        return windowSigma;
    }

    /** {@code C1 = (K1·L)²}, for the differentiable MS-SSIM of the encoder's loss, which takes its definition from here. */
    public double c1() {
        return c1;
    }

    /** {@code C2 = (K2·L)²}. */
    public double c2() {
        return c2;
    }

    /**
     * The 2-D window {@code w[i·k + j] = g_i·g_j} (g the normalised 1-D window), for a 2-D
     * convolution: what this class's separable filter applies, computed as the encoder's loss
     * always has ({@code raw_i / sum · raw_j / sum}), so that loss stays bit for bit.
     */
    public double[] window2d() {
        double[] raw = gaussian(window.length, windowSigma);
        double sum = sum(raw);
        int k = window.length;
        double[] w = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                w[i * k + j] = raw[i] / sum * raw[j] / sum;
            }
        }
        return w;
    }

    /** Mean SSIM over positions and channels. */
    public double compute(PlanarImage x, PlanarImage y) {
        return mean(components(x, y).ssim());
    }

    Components components(PlanarImage x, PlanarImage y) {
        return reference(x).components(y);
    }

    /**
     * {@code x}'s local statistics (μx and E[x²] under the window, per channel), for comparing many images
     * with one reference: a progression's frames are all scored against frame 0, so its two of the five
     * filtered planes are computed once rather than per frame. Same values as {@link #compute}, bit for bit.
     */
    public Reference reference(PlanarImage x) {
        return new Reference(x);
    }

    /** A reference image with its window statistics; {@link #compute(PlanarImage)} compares an image of its shape with it. */
    public final class Reference {
        private final PlanarImage x;
        private final double[][] muX;
        private final double[][] exx;

        private Reference(PlanarImage x) {
            int h = x.height();
            int w = x.width();
            if (h < window.length || w < window.length) {
                throw new IllegalArgumentException("image " + h + "×" + w + " is smaller than the " + window.length + "-pixel SSIM window");
            }
            this.x = x;
            int plane = h * w;
            muX = new double[x.channels()][];
            exx = new double[x.channels()][];
            double[] a = new double[plane];
            double[] aa = new double[plane];
            for (int c = 0; c < x.channels(); c++) {
                int offset = c * plane;
                for (int i = 0; i < plane; i++) {
                    double xi = x.values()[offset + i];
                    a[i] = xi;
                    aa[i] = xi * xi;
                }
                muX[c] = filterValid(a, h, w);
                exx[c] = filterValid(aa, h, w);
            }
        }

        public PlanarImage image() {
            return x;
        }

        /** Mean SSIM of {@code y} against the reference, over positions and channels. */
        public double compute(PlanarImage y) {
            return mean(components(y).ssim());
        }

        Components components(PlanarImage y) {
            x.requireSameShape(y);
            int h = x.height();
            int w = x.width();
            int plane = h * w;
            double[] ssim = new double[x.channels()];
            double[] cs = new double[x.channels()];
            double[] b = new double[plane];
            double[] bb = new double[plane];
            double[] ab = new double[plane];
            for (int c = 0; c < x.channels(); c++) {
                int offset = c * plane;
                for (int i = 0; i < plane; i++) {
                    double xi = x.values()[offset + i];
                    double yi = y.values()[offset + i];
                    b[i] = yi;
                    bb[i] = yi * yi;
                    ab[i] = xi * yi;
                }
                double[] muX = this.muX[c];
                double[] exx = this.exx[c];
                double[] muY = filterValid(b, h, w);
                double[] eyy = filterValid(bb, h, w);
                double[] exy = filterValid(ab, h, w);
                double ssimSum = 0.0;
                double csSum = 0.0;
                for (int i = 0; i < muX.length; i++) {
                    double mx = muX[i];
                    double my = muY[i];
                    double varX = exx[i] - mx * mx;
                    double varY = eyy[i] - my * my;
                    double cov = exy[i] - mx * my;
                    double csMap = (2 * cov + c2) / (varX + varY + c2);
                    double luminance = (2 * mx * my + c1) / (mx * mx + my * my + c1);
                    csSum += csMap;
                    ssimSum += luminance * csMap;
                }
                ssim[c] = ssimSum / muX.length;
                cs[c] = csSum / muX.length;
            }
            return new Components(ssim, cs);
        }
    }

    /** The mean over channels, in channel order. */
    static double mean(double[] perChannel) {
        double sum = 0.0;
        for (double v : perChannel) {
            sum += v;
        }
        return sum / perChannel.length;
    }

    /** Separable Gaussian filtering at valid positions: (h−k+1)×(w−k+1) outputs. */
    private double[] filterValid(double[] plane, int h, int w) {
        int k = window.length;
        int ow = w - k + 1;
        int oh = h - k + 1;
        double[] rows = new double[h * ow];
        for (int y = 0; y < h; y++) {
            int base = y * w;
            for (int x = 0; x < ow; x++) {
                double s = 0.0;
                for (int t = 0; t < k; t++) {
                    s += window[t] * plane[base + x + t];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int t = 0; t < k; t++) {
                double wt = window[t];
                int src = (y + t) * ow;
                int dst = y * ow;
                for (int x = 0; x < ow; x++) {
                    out[dst + x] += wt * rows[src + x];
                }
            }
        }
        return out;
    }

    static double[] gaussianWindow(int size, double sigma) {
        double[] g = gaussian(size, sigma);
        double sum = sum(g);
        for (int i = 0; i < size; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** {@code exp(−d²/2σ²)} at the offsets from the window's centre, not yet normalised. */
    private static double[] gaussian(int size, double sigma) {
        double[] g = new double[size];
        for (int i = 0; i < size; i++) {
            double d = i - size / 2;
            g[i] = Math.exp(-(d * d) / (2 * sigma * sigma));
        }
        return g;
    }

    /** In index order, as the window has always been normalised. */
    private static double sum(double[] g) {
        double sum = 0.0;
        for (double v : g) {
            sum += v;
        }
        return sum;
    }
}
