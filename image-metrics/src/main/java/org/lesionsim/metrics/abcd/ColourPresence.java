package org.lesionsim.metrics.abcd;

import static org.lesionsim.imaging.mask.StructuringElement.DISC;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.lesionsim.imaging.DermoscopicColour;
import org.lesionsim.imaging.mask.BinaryMask;

/**
 * The "C" of the ABCD rule: which of the six dermoscopic colours a lesion shows.
 * <ol>
 *   <li>the lesion's blended rim, {@value #RIM} of the longer image side deep (at least one pixel),
 *       is left out: there pigment fades into skin and every colour passes through light brown;
 *   <li>every remaining lesion pixel (flat-field corrected CIELAB) takes the nearest of seven
 *       references in ΔE*ab: the six {@link DermoscopicPalette} colours and the patient's own skin
 *       colour; pixels nearest to skin are skin-coloured areas inside the lesion and count for no
 *       colour (so a pink, skin-like patch is not called white, while a scar-like white is);
 *   <li>each colour's pixels are opened with a disc of {@value #SEAM} of the longer side (at least
 *       one pixel), dropping hairs, network lines and the seams between two colours;
 *   <li>a colour is present when what remains covers at least {@value #PRESENT_FRACTION} of the
 *       lesion's core (the same 5 % share the synthetic generator uses for its ground truth).
 * </ol>
 */
public final class ColourPresence {
    static final double RIM = 0.015;
    static final double SEAM = 0.004;
    public static final double PRESENT_FRACTION = 0.05;

    private ColourPresence() {
    }

    /** @param fractions every colour's share of the lesion core, present or not */
    public record Result(Set<DermoscopicColour> present, Map<DermoscopicColour, Double> fractions) {
    }

    public static Result measure(LabImage lab, BinaryMask lesion, double[] skinLab) {
        int w = lab.width();
        int h = lab.height();
        int longer = Math.max(w, h);
        BinaryMask core = lesion.erode(Math.max(1, (int) Math.round(RIM * longer)), DISC);
        if (core.area() < 0.25 * lesion.area()) {
            // a lesion a few rim-widths across: its rim is most of it, so use all of it
            core = lesion;
        }
        // work inside the core's bounding box: an opening never reaches beyond the set it opens
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (core.get(y * w + x)) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = y;
                }
            }
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        DermoscopicColour[] colours = DermoscopicColour.values();
        boolean[][] nearest = new boolean[colours.length][bw * bh];
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int i = y * w + x;
                if (!core.get(i)) {
                    continue;
                }
                float l = lab.l()[i];
                float a = lab.a()[i];
                float b = lab.b()[i];
                DermoscopicColour colour = DermoscopicPalette.nearest(l, a, b);
                double toSkin = CieLab.deltaE(l, a, b, skinLab[0], skinLab[1], skinLab[2]);
                if (DermoscopicPalette.distance(l, a, b, colour) <= toSkin) {
                    nearest[colour.ordinal()][(y - y0) * bw + (x - x0)] = true;
                }
            }
        }
        int seam = Math.max(1, (int) Math.round(SEAM * longer));
        int coreArea = core.area();
        Map<DermoscopicColour, Double> fractions = new EnumMap<>(DermoscopicColour.class);
        Set<DermoscopicColour> present = EnumSet.noneOf(DermoscopicColour.class);
        for (DermoscopicColour c : colours) {
            double fraction = (double) new BinaryMask(bw, bh, nearest[c.ordinal()]).open(seam, DISC).area() / coreArea;
            fractions.put(c, fraction);
            if (fraction >= PRESENT_FRACTION) {
                present.add(c);
            }
        }
        return new Result(present, fractions);
    }
}
