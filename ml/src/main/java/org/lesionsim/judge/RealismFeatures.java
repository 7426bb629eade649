package org.lesionsim.judge;

import org.lesionsim.metrics.abcd.CieLab;

/**
 * The vector whose typicality {@link FeatureTypicality} measures: the judge's pooled features
 * (texture and structure as it sees them) followed by the image's colour moments in CIELAB (mean
 * and standard deviation of L*, a*, b*). Pooled CNN features alone can sit near the real mean for
 * an image that is nothing like a lesion photograph (a flat colour field pools to little); the
 * colour moments make the drift the walks are known for (whole images turning purple or blue,
 * lesions fading into skin) count directly, in perceptual units.
 */
public final class RealismFeatures {
    public static final int COLOUR_MOMENTS = 6;

    private RealismFeatures() {
    }

    /** @param pooled the judge's features of the image; @param chw the image, RGB in [-1, 1] */
    public static float[] of(float[] pooled, float[] chw) {
        int plane = chw.length / 3;
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        double[] lab = new double[3];
        for (int i = 0; i < plane; i++) {
            double r = CieLab.srgbToLinear(unit(chw[i]));
            double g = CieLab.srgbToLinear(unit(chw[plane + i]));
            double b = CieLab.srgbToLinear(unit(chw[2 * plane + i]));
            CieLab.fromLinearRgb(r, g, b, lab);
            for (int c = 0; c < 3; c++) {
                sum[c] += lab[c];
                sumSq[c] += lab[c] * lab[c];
            }
        }
        float[] out = new float[pooled.length + COLOUR_MOMENTS];
        System.arraycopy(pooled, 0, out, 0, pooled.length);
        for (int c = 0; c < 3; c++) {
            double mean = sum[c] / plane;
            out[pooled.length + c] = (float) mean;
            out[pooled.length + 3 + c] = (float) Math.sqrt(Math.max(0, sumSq[c] / plane - mean * mean));
        }
        return out;
    }

    private static double unit(float v) {
        return Math.min(1, Math.max(0, (v + 1) / 2));
    }
}
