package org.lesionsim.metrics.abcd;

import org.lesionsim.metrics.PlanarImage;

/**
 * An image in CIELAB (three row-major planes), after dividing out the dermatoscope's light
 * fall-off in linear light, so a lesion's colour reads the same at the centre and near the rim.
 */
public record LabImage(int width, int height, float[] l, float[] a, float[] b) {
    public LabImage {
        if (l.length != width * height || a.length != l.length || b.length != l.length) {
            throw new IllegalArgumentException("L*a*b* planes must each hold " + width * height + " values");
        }
    }

    /** Floor on the transmission divided out, so the black surround is not amplified without bound. */
    private static final double MIN_DIVISOR = 0.1;

    /** CIELAB of RGB in [0, 1], flat-field corrected by {@code field}. */
    public static LabImage of(PlanarImage rgb, FieldOfView field) {
        int w = rgb.width();
        int h = rgb.height();
        int plane = w * h;
        float[] v = rgb.values();
        float[] l = new float[plane];
        float[] a = new float[plane];
        float[] b = new float[plane];
        double[] lab = new double[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double gain = 1 / Math.max(MIN_DIVISOR, field.transmission(x, y));
                CieLab.fromLinearRgb(Math.min(1, gain * CieLab.srgbToLinear(v[i])),
                        Math.min(1, gain * CieLab.srgbToLinear(v[plane + i])),
                        Math.min(1, gain * CieLab.srgbToLinear(v[2 * plane + i])), lab);
                l[i] = (float) lab[0];
                a[i] = (float) lab[1];
                b[i] = (float) lab[2];
            }
        }
        return new LabImage(w, h, l, a, b);
    }
}
