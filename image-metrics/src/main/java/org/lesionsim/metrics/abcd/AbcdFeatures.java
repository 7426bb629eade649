package org.lesionsim.metrics.abcd;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.lesionsim.imaging.DermoscopicColour;

/**
 * The ABCD rule of dermoscopy (Stolz et al. 1994) measured on one lesion, and its total
 * dermoscopy score
 * <pre>  TDS = 1.3·A + 0.1·B + 0.5·C + 0.5·D</pre>
 * (Stolz's reading: below 4.75 benign, 4.75–5.45 suspicious, above 5.45 suggestive of melanoma;
 * those cut-offs were set for the structure-count D, so with the diameter D below they are only indicative).
 * <ul>
 *   <li><b>A</b> 0–2: the number of principal axes across which the lesion's shape is asymmetric,
 *       i.e. whose mirror index (area of mask XOR its mirror image, over area) is at least
 *       {@value #ASYMMETRIC_INDEX}. Shape only; colour and structure asymmetry are not judged.
 *   <li><b>B</b> 0–8: sectors of eight with an abrupt cut-off of pigment at the border
 *       ({@link BorderSharpness}); the compactness perimeter²/(4π·area) is reported beside it.
 *   <li><b>C</b> 1–6: dermoscopic colours present ({@link ColourPresence}); 0 only if none
 *       reaches the threshold.
 *   <li><b>D</b> 1–5: Stolz's D counts differential structures (network, structureless areas,
 *       streaks, dots, globules); detecting those is out of scope, so <b>D here is a diameter
 *       score</b>, not a structure count: the greatest diameter in mm scored 1 below 2 mm, 2 from
 *       2 mm, 3 from 4 mm, 4 from 6 mm, 5 from 8 mm. Without a known scale the image's shorter
 *       side is assumed to span {@value #ASSUMED_FIELD_MM} mm (a typical dermatoscope field),
 *       {@link Diameter#scaleAssumed()} says so and no diameter in mm is reported.
 * </ul>
 */
public record AbcdFeatures(Asymmetry asymmetry, Border border, Colours colours, Diameter diameter) {
    public static final double ASYMMETRY_WEIGHT = 1.3;
    public static final double BORDER_WEIGHT = 0.1;
    public static final double COLOUR_WEIGHT = 0.5;
    public static final double DIAMETER_WEIGHT = 0.5;
    /** Mirror index from which an axis counts as asymmetric: mask and mirror image differ by 15 % of the area. */
    public static final double ASYMMETRIC_INDEX = 0.15;
    public static final double ASSUMED_FIELD_MM = 15;
    /** Lower edges, in mm, of diameter scores 2, 3, 4 and 5. */
    static final double[] DIAMETER_SCORE_MM = {2, 4, 6, 8};

    /** 1.3·A + 0.1·B + 0.5·C + 0.5·D, with D the diameter score defined above. */
    public double totalDermoscopyScore() {
        return ASYMMETRY_WEIGHT * asymmetry.score() + BORDER_WEIGHT * border.abruptSectors()
                + COLOUR_WEIGHT * colours.count() + DIAMETER_WEIGHT * diameter.score();
    }

    /**
     * @param score         axes (0–2) whose mirror index is at least {@link #ASYMMETRIC_INDEX}
     * @param majorIndex    mirror index across the major principal axis (mirror about it), 0–2
     * @param minorIndex    mirror index about the minor principal axis
     * @param majorAngle    the major axis's angle from +x, radians (y pointing down)
     */
    public record Asymmetry(int score, double majorIndex, double minorIndex, double majorAngle) {
        /** Mean of the two mirror indices. */
        public double meanIndex() {
            return (majorIndex + minorIndex) / 2;
        }
    }

    /**
     * @param abruptSectors sectors (0–8) with an abrupt cut-off
     * @param compactness   perimeter² / (4π·area), 1 for a disc
     * @param perimeterPx   Cauchy–Crofton perimeter in pixels
     * @param edgeWidthsPx  per sector, the lesion-to-skin transition width in pixels
     */
    public record Border(int abruptSectors, double compactness, double perimeterPx, List<Double> edgeWidthsPx) {
        public Border {
            edgeWidthsPx = List.copyOf(edgeWidthsPx);
        }
    }

    /**
     * @param present   colours covering at least {@link ColourPresence#PRESENT_FRACTION} of the lesion core
     * @param fractions each colour's share of the lesion core
     */
    public record Colours(Set<DermoscopicColour> present, Map<DermoscopicColour, Double> fractions) {
        public Colours {
            // enum order, so the same set always reads the same way
            present = present.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(present));
            fractions = fractions.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fractions));
        }

        public int count() {
            return present.size();
        }
    }

    /**
     * @param feretPx        greatest diameter (maximum Feret diameter) in pixels
     * @param equivalentPx   diameter of the disc of equal area, in pixels
     * @param feretMm        greatest diameter in mm, only when a scale was given
     * @param pxPerMm        the scale the score used (given, or assumed)
     * @param scaleAssumed   true when no scale was given and {@link #ASSUMED_FIELD_MM} was used
     * @param score          diameter score 1–5 (the D of the total)
     */
    public record Diameter(double feretPx, double equivalentPx, OptionalDouble feretMm, double pxPerMm, boolean scaleAssumed,
                           int score) {
    }

    /** Diameter score 1–5 of a greatest diameter in mm. */
    static int diameterScore(double mm) {
        int score = 1;
        for (double edge : DIAMETER_SCORE_MM) {
            if (mm >= edge) {
                score++;
            }
        }
        return score;
    }
}
