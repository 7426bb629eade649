package org.lesionsim.metrics.abcd;

/**
 * sRGB (IEC 61966-2-1, D65) to CIE 1976 L*a*b* with the D65 reference white, and the CIE76 colour
 * difference ΔE*ab (Euclidean distance in L*a*b*). In: sRGB values in [0, 1] (gamma-encoded) or linear
 * RGB; out: L* in [0, 100], a* and b* roughly in [−128, 127]. A ΔE of about 2.3 is a just noticeable
 * difference, so thresholds stated in ΔE read the same on any display.
 */
public final class CieLab {
    private static final double XN = 0.95047;
    private static final double YN = 1.0;
    private static final double ZN = 1.08883;
    private static final double EPSILON = 216.0 / 24389.0; // (6/29)^3
    private static final double KAPPA_SLOPE = 24389.0 / 27.0 / 116.0; // 1 / (3 (6/29)^2)
    /** srgbToLinear on [0, 1] from a table: pow is most of a conversion's cost; interpolation error < 1e-7. */
    private static final int TABLE_STEPS = 4096;
    private static final double[] LINEAR = new double[TABLE_STEPS + 1];

    static {
        for (int i = 0; i <= TABLE_STEPS; i++) {
            LINEAR[i] = exactSrgbToLinear((double) i / TABLE_STEPS);
        }
    }

    private CieLab() {
    }

    /** The sRGB transfer function inverted: a gamma-encoded value in [0, 1] to linear light. */
    public static double srgbToLinear(double v) {
        if (v >= 0 && v <= 1) {
            double s = v * TABLE_STEPS;
            int i = (int) Math.min(TABLE_STEPS - 1, s);
            double f = s - i;
            return LINEAR[i] * (1 - f) + LINEAR[i + 1] * f;
        }
        return exactSrgbToLinear(v);
    }

    private static double exactSrgbToLinear(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** Relative luminance Y of linear RGB (the middle row of the sRGB-to-XYZ matrix). */
    public static double luminance(double r, double g, double b) {
        return 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    }

    /** L*, a*, b* of a linear RGB colour, written to {@code out[0..2]}. */
    public static void fromLinearRgb(double r, double g, double b, double[] out) {
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        double y = luminance(r, g, b);
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        double fx = f(x / XN);
        double fy = f(y / YN);
        double fz = f(z / ZN);
        out[0] = 116 * fy - 16;
        out[1] = 500 * (fx - fy);
        out[2] = 200 * (fy - fz);
    }

    /** L*, a*, b* of an 8-bit sRGB colour. */
    public static double[] fromSrgb8(int red, int green, int blue) {
        double[] lab = new double[3];
        fromLinearRgb(srgbToLinear(red / 255.0), srgbToLinear(green / 255.0), srgbToLinear(blue / 255.0), lab);
        return lab;
    }

    /** CIE76 colour difference ΔE*ab between two L*a*b* triples. */
    public static double deltaE(double l1, double a1, double b1, double l2, double a2, double b2) {
        double dl = l1 - l2;
        double da = a1 - a2;
        double db = b1 - b2;
        return Math.sqrt(dl * dl + da * da + db * db);
    }

    private static double f(double t) {
        return t > EPSILON ? Math.cbrt(t) : t * KAPPA_SLOPE + 4.0 / 29.0;
    }
}
