package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * High-quality separable resampling: exact area averaging for downscaling (each output pixel is
 * the mean of the source area it covers, fractional pixels weighted by overlap; no aliasing) and
 * Lanczos-3 for upscaling. Never nearest-neighbour or plain bilinear.
 */
public final class Resampler {
    public enum Filter { AREA, LANCZOS3 }

    private Resampler() {
    }

    /** {@code AREA} when shrinking, {@code LANCZOS3} when enlarging. */
    public static BufferedImage resize(BufferedImage src, int width, int height) {
        Filter fx = width < src.getWidth() ? Filter.AREA : Filter.LANCZOS3;
        Filter fy = height < src.getHeight() ? Filter.AREA : Filter.LANCZOS3;
        return resize(src, width, height, fx, fy);
    }

    public static BufferedImage resize(BufferedImage src, int width, int height, Filter fx, Filter fy) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        float[][] planes = new float[3][sw * sh];
        int[] argb = src.getRGB(0, 0, sw, sh, null, 0, sw);
        for (int i = 0; i < argb.length; i++) {
            planes[0][i] = argb[i] >> 16 & 0xff;
            planes[1][i] = argb[i] >> 8 & 0xff;
            planes[2][i] = argb[i] & 0xff;
        }
        Weights wx = weights(fx, sw, width);
        Weights wy = weights(fy, sh, height);
        int[] out = new int[width * height];
        float[] tmp = new float[width * sh];
        for (int c = 0; c < 3; c++) {
            float[] p = planes[c];
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < width; x++) {
                    float acc = 0;
                    for (int k = 0; k < wx.count[x]; k++) {
                        acc += wx.weight[x][k] * p[y * sw + wx.first[x] + k];
                    }
                    tmp[y * width + x] = acc;
                }
            }
            int shift = 16 - 8 * c;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float acc = 0;
                    for (int k = 0; k < wy.count[y]; k++) {
                        acc += wy.weight[y][k] * tmp[(wy.first[y] + k) * width + x];
                    }
                    int v = Math.round(acc);
                    out[y * width + x] |= Math.max(0, Math.min(255, v)) << shift;
                }
            }
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, out, 0, width);
        return img;
    }

    /** Per output index: the first source index, the number of taps and their normalised weights. */
    record Weights(int[] first, int[] count, float[][] weight) {
    }

    static Weights weights(Filter filter, int srcLen, int dstLen) {
        int[] first = new int[dstLen];
        int[] count = new int[dstLen];
        float[][] weight = new float[dstLen][];
        double scale = (double) srcLen / dstLen;
        for (int o = 0; o < dstLen; o++) {
            int lo;
            int hi;
            double[] w;
            if (filter == Filter.AREA) {
                double a = o * scale;
                double b = (o + 1) * scale;
                lo = (int) Math.floor(a);
                hi = Math.min(srcLen - 1, (int) Math.ceil(b) - 1);
                w = new double[hi - lo + 1];
                for (int s = lo; s <= hi; s++) {
                    w[s - lo] = Math.min(b, s + 1) - Math.max(a, s);
                }
            } else {
                double support = 3 * Math.max(1, scale); // widen the kernel when shrinking
                double centre = (o + 0.5) * scale - 0.5;
                lo = (int) Math.ceil(centre - support);
                hi = (int) Math.floor(centre + support);
                w = new double[hi - lo + 1];
                for (int s = lo; s <= hi; s++) {
                    w[s - lo] = lanczos3((s - centre) / Math.max(1, scale));
                }
                // clamp taps outside the image onto the edge pixel
                double[] clamped = new double[srcLen];
                int cl = srcLen;
                int ch = -1;
                for (int s = lo; s <= hi; s++) {
                    int c = Math.max(0, Math.min(srcLen - 1, s));
                    clamped[c] += w[s - lo];
                    cl = Math.min(cl, c);
                    ch = Math.max(ch, c);
                }
                lo = cl;
                hi = ch;
                w = java.util.Arrays.copyOfRange(clamped, lo, hi + 1);
            }
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            first[o] = lo;
            count[o] = w.length;
            weight[o] = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                weight[o][k] = (float) (w[k] / sum);
            }
        }
        return new Weights(first, count, weight);
    }

    static double lanczos3(double x) {
        if (x == 0) {
            return 1;
        }
        if (Math.abs(x) >= 3) {
            return 0;
        }
        double px = Math.PI * x;
        return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
    }
}
