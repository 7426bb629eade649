package org.lesionsim.metrics;

import java.util.Arrays;

/**
 * Multi-scale SSIM (Wang, Simoncelli &amp; Bovik 2003), as pytorch_msssim computes it: at each of M
 * scales the per-channel SSIM components of {@link Ssim}; between scales both images are 2×2
 * average-pooled (odd sides padded by one zero on each side, zeros counted, as
 * {@code F.avg_pool2d(kernel_size=2, padding=side % 2)}). Per channel
 * <pre>  MS-SSIM = Π_{j<M} relu(cs_j)^{w_j} · relu(SSIM_M)^{w_M}</pre>
 * then the mean over channels. Standard weights (0.0448, 0.2856, 0.3001, 0.2363, 0.1333) for
 * 5 scales; the reference then needs the smaller side &gt; (11 − 1)·2⁴ = 160 pixels.
 *
 * <p>For the small images trained on CPU (64², 128²), {@link #forSmallerSide} keeps the first
 * scales that fit and renormalises their weights to sum to 1. That is this project's choice, not the
 * paper's: values from different scale counts are not comparable, and results say which was used.
 *
 * <p>This class is also the definition the encoder's loss ({@code encoder.DifferentiableMsSsim}, its
 * graph form) is built from: weights, {@link #ssim()}'s window and constants, {@link #poolPadding},
 * {@link #smallestSide} (docs/DESIGN.md §4 says why the metric itself stays plain Java).
 */
public final class MsSsim {
    private static final double[] STANDARD_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

    private final double[] weights;
    private final Ssim ssim;

    /** The standard 5 scales and weights, standard SSIM constants. */
    public MsSsim() {
        this(STANDARD_WEIGHTS, new Ssim());
    }

    public MsSsim(double[] weights, Ssim ssim) {
        if (weights.length < 1) {
            throw new IllegalArgumentException("need at least one scale");
        }
        this.weights = weights.clone();
        this.ssim = ssim;
    }

    /**
     * The most standard scales whose check {@code side > (window − 1)·2^(M−1)} holds; when fewer than
     * 5, their weights are renormalised to sum to 1.
     * 161 px and up gives the standard 5; 128 gives 4; 64 gives 3.
     */
    public static MsSsim forSmallerSide(int side) {
        int scales = STANDARD_WEIGHTS.length;
        while (scales > 1 && side <= (Ssim.WINDOW_SIZE - 1) * (1 << (scales - 1))) {
            scales--;
        }
        if (scales == STANDARD_WEIGHTS.length) {
            return new MsSsim();
        }
        double[] w = Arrays.copyOf(STANDARD_WEIGHTS, scales);
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < scales; i++) {
            w[i] /= sum;
        }
        return new MsSsim(w, new Ssim());
    }

    public double[] weights() {
        return weights.clone();
    }

    public int scales() {
        return weights.length;
    }

    /** The SSIM whose window and constants every scale uses. */
    public Ssim ssim() {
        return ssim;
    }

    /** The smaller side this many scales need: {@code (window − 1)·2^(M−1)} and one more pixel. */
    public int smallestSide() {
        return (ssim.windowSize() - 1) * (1 << (weights.length - 1)) + 1;
    }

    /** The zeros pooling pads on each side of an axis of this length: {@code side % 2}, as {@code avg_pool2d(padding=side % 2)}. */
    public static int poolPadding(int side) {
        return side % 2;
    }

    public double compute(PlanarImage x, PlanarImage y) {
        return reference(x).compare(y).msSsim();
    }

    /**
     * {@code x}'s pyramid and each scale's window statistics ({@link Ssim.Reference}), for scoring many
     * images against one reference (a progression's frames against frame 0): per image, only its own
     * planes are filtered and pooled. Same values as {@link #compute}, bit for bit.
     */
    public Reference reference(PlanarImage x) {
        int smaller = Math.min(x.height(), x.width());
        int needed = smallestSide() - 1;
        if (smaller <= needed) {
            throw new IllegalArgumentException("MS-SSIM with " + weights.length + " scales needs the smaller side > " + needed
                    + " px, image is " + x.height() + "×" + x.width() + " (use MsSsim.forSmallerSide)");
        }
        Ssim.Reference[] scales = new Ssim.Reference[weights.length];
        PlanarImage a = x;
        for (int scale = 0; scale < weights.length; scale++) {
            scales[scale] = ssim.reference(a);
            if (scale < weights.length - 1) {
                a = averagePool2(a);
            }
        }
        return new Reference(scales);
    }

    /**
     * An image scored against the reference: MS-SSIM, and the full-scale SSIM of {@link #ssim()} that its
     * first scale computes on the way (what {@code ssim().compute(x, y)} gives, without computing it twice).
     */
    public record Score(double msSsim, double ssim) {
    }

    /** A reference image's pyramid with its window statistics. */
    public final class Reference {
        private final Ssim.Reference[] scales;

        private Reference(Ssim.Reference[] scales) {
            this.scales = scales;
        }

        public Score compare(PlanarImage y) {
            scales[0].image().requireSameShape(y);
            int channels = y.channels();
            double[] product = new double[channels];
            Arrays.fill(product, 1.0);
            double fullScaleSsim = Double.NaN;
            PlanarImage b = y;
            for (int scale = 0; scale < weights.length; scale++) {
                Ssim.Components comp = scales[scale].components(b);
                if (scale == 0) {
                    fullScaleSsim = Ssim.mean(comp.ssim());
                }
                boolean last = scale == weights.length - 1;
                double[] term = last ? comp.ssim() : comp.cs();
                for (int c = 0; c < channels; c++) {
                    product[c] *= Math.pow(Math.max(term[c], 0.0), weights[scale]);
                }
                if (!last) {
                    b = averagePool2(b);
                }
            }
            return new Score(Arrays.stream(product).average().orElseThrow(), fullScaleSsim);
        }
    }

    /** {@code avg_pool2d(kernel_size=2, stride=2, padding=side % 2)} with padded zeros counted. */
    static PlanarImage averagePool2(PlanarImage image) {
        int h = image.height();
        int w = image.width();
        int padY = poolPadding(h);
        int padX = poolPadding(w);
        int oh = (h + 2 * padY - 2) / 2 + 1;
        int ow = (w + 2 * padX - 2) / 2 + 1;
        float[] out = new float[image.channels() * oh * ow];
        for (int c = 0; c < image.channels(); c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = 0.0;
                    for (int dy = 0; dy < 2; dy++) {
                        int y = 2 * oy + dy - padY;
                        for (int dx = 0; dx < 2; dx++) {
                            int xx = 2 * ox + dx - padX;
                            if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                s += image.get(c, y, xx);
                            }
                        }
                    }
                    out[(c * oh + oy) * ow + ox] = (float) (s / 4.0);
                }
            }
        }
        return new PlanarImage(image.channels(), oh, ow, out);
    }
}
