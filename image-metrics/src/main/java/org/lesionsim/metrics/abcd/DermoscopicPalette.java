package org.lesionsim.metrics.abcd;

import java.util.EnumMap;
import java.util.Map;
import org.lesionsim.imaging.DermoscopicColour;

/**
 * The six dermoscopic colours of the ABCD rule in CIELAB: the reference sRGB of
 * {@link DermoscopicColour} (the synthetic generator paints with the same references) converted
 * once, so "nearest colour" is judged by perceived difference (ΔE*ab), not by RGB distance, which
 * overweights green and treats a dark and a light brown as farther apart than the eye does.
 */
public final class DermoscopicPalette {
    private static final DermoscopicColour[] COLOURS = DermoscopicColour.values();
    private static final double[][] LAB = new double[COLOURS.length][];

    static {
        for (DermoscopicColour c : COLOURS) {
            LAB[c.ordinal()] = CieLab.fromSrgb8(c.red(), c.green(), c.blue());
        }
    }

    private DermoscopicPalette() {
    }

    /** L*, a*, b* of a reference colour (a copy). */
    public static double[] lab(DermoscopicColour colour) {
        return LAB[colour.ordinal()].clone();
    }

    /** Every reference in L*a*b*. */
    public static Map<DermoscopicColour, double[]> all() {
        Map<DermoscopicColour, double[]> out = new EnumMap<>(DermoscopicColour.class);
        for (DermoscopicColour c : COLOURS) {
            out.put(c, lab(c));
        }
        return out;
    }

    /** The reference nearest to an L*a*b* colour in ΔE*ab. */
    public static DermoscopicColour nearest(double l, double a, double b) {
        DermoscopicColour best = COLOURS[0];
        double bestDistance = Double.POSITIVE_INFINITY;
        for (DermoscopicColour c : COLOURS) {
            double[] ref = LAB[c.ordinal()];
            double d = CieLab.deltaE(l, a, b, ref[0], ref[1], ref[2]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** ΔE*ab from an L*a*b* colour to a reference. */
    public static double distance(double l, double a, double b, DermoscopicColour colour) {
        double[] ref = LAB[colour.ordinal()];
        return CieLab.deltaE(l, a, b, ref[0], ref[1], ref[2]);
    }
}
