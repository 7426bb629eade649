package org.lesionsim.metrics.abcd;

import static org.lesionsim.imaging.mask.Connectivity.EIGHT;
import static org.lesionsim.imaging.mask.StructuringElement.DISC;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.metrics.PlanarImage;

/**
 * Finds the pigmented lesion in a dermoscopy photo or a generated frame (64×64 up to 600×450 and beyond).
 * <ol>
 *   <li>field of view: the vignette is estimated and divided out and its dark surround excluded
 *       ({@link FieldOfView}); everything below works in flat-field corrected CIELAB;
 *   <li>skin colour: the median L*a*b* of the brighter Otsu class of L* in the field;
 *   <li>lesion index: each pixel's colour difference from skin, ΔE*ab (CIE76). Pigment is darker,
 *       browner, redder or bluer than skin, and regression is whiter: all differ in ΔE, where a
 *       single channel (blue, or L*) would miss the white;
 *   <li>detection: Otsu's threshold on log(1 + ΔE) over the field (the logarithm keeps black and
 *       light brown on the same side when a lesion holds both); opening with a disc of radius
 *       {@value #MORPHOLOGY_RADIUS} of the longer side (at least 1 px) removes hairs and speckle;
 *       of the 8-connected components the one with the largest area × (1 − d/R)² wins, d its
 *       centroid's distance from the image centre and R half the diagonal, so a central lesion
 *       beats a shadow at the rim; then closing and hole filling;
 *   <li>outline: the edge is redrawn half-way between skin and the lesion's lighter pigment
 *       (ΔE above the mean of the skin's median ΔE and the lesion's lower-quartile ΔE; a pale part
 *       at the rim smaller than a quarter of the lesion, such as white regression, may be cut off), keeping
 *       the component that overlaps the detection most, closed and filled.
 * </ol>
 * The result is <b>trustworthy</b> only if the field covers at least {@value #MIN_FIELD_FRACTION}
 * of the image, skin is at least L* {@value #MIN_SKIN_LIGHTNESS}, the lesion differs from skin by
 * at least {@value #MIN_CONTRAST} ΔE on average, and it covers between {@value #MIN_AREA_FRACTION}
 * and {@value #MAX_AREA_FRACTION} of the field and at least {@value #MIN_AREA_PX} pixels.
 * Otherwise {@link Result#reason()} says why, and no feature should be computed from the mask.
 */
public final class LesionSegmentation {
    static final double MIN_CONTRAST = 12;
    static final double MIN_AREA_FRACTION = 0.002;
    static final double MAX_AREA_FRACTION = 0.9;
    static final int MIN_AREA_PX = 12;
    static final double MIN_FIELD_FRACTION = 0.25;
    /** Skin darker than this (L*) is an unlit or black frame, not skin. */
    static final double MIN_SKIN_LIGHTNESS = 20;
    /** Opening and closing radius as a share of the longer image side (hairs are ~0.4–0.8 % of it wide). */
    static final double MORPHOLOGY_RADIUS = 0.006;
    /** The lesion's "lighter pigment" for the half-way outline: this quantile of its ΔE from skin. */
    static final double LIGHTER_PIGMENT_QUANTILE = 0.25;

    private LesionSegmentation() {
    }

    /**
     * @param mask         the lesion (empty when none was found)
     * @param trustworthy  whether the mask is a lesion rather than noise, shading or a lesion filling the view
     * @param reason       why not, or {@code "ok"}
     * @param lab          the flat-field corrected CIELAB image the mask was found in
     * @param field        the dermatoscope's field of view
     * @param skinLab      the skin's L*, a*, b*
     * @param contrast     mean ΔE between lesion pixels and skin
     * @param areaFraction lesion area over field area
     */
    public record Result(BinaryMask mask, boolean trustworthy, String reason, LabImage lab, BinaryMask field,
                         double[] skinLab, double contrast, double areaFraction) {
    }

    public static Result segment(BufferedImage image) {
        return segment(PlanarImage.fromBufferedImage(image));
    }

    public static Result segment(PlanarImage rgb) {
        int w = rgb.width();
        int h = rgb.height();
        FieldOfView fov = FieldOfView.estimate(rgb);
        BinaryMask field = fov.mask();
        LabImage lab = LabImage.of(rgb, fov);
        int fieldArea = field.area();
        if (fieldArea < MIN_FIELD_FRACTION * w * h) {
            return untrusted(BinaryMask.empty(w, h), "the field of view covers only " + percent(fieldArea, w * h)
                    + " of the image: too dark to segment", lab, field, new double[3], 0, 0);
        }
        double[] skin = skinColour(lab, field);
        if (skin[0] < MIN_SKIN_LIGHTNESS) {
            return untrusted(BinaryMask.empty(w, h), String.format(Locale.ROOT,
                    "the brightest part of the image has L* %.1f: too dark to tell skin from pigment", skin[0]), lab, field, skin, 0, 0);
        }
        float[] logDeltaE = new float[w * h];
        float[] deltaE = new float[w * h];
        for (int i = 0; i < deltaE.length; i++) {
            deltaE[i] = (float) CieLab.deltaE(lab.l()[i], lab.a()[i], lab.b()[i], skin[0], skin[1], skin[2]);
            logDeltaE[i] = (float) Math.log1p(deltaE[i]);
        }
        Otsu.Split split = Otsu.split(logDeltaE, field);
        boolean[] candidate = new boolean[w * h];
        for (int i = 0; i < candidate.length; i++) {
            candidate[i] = field.get(i) && logDeltaE[i] > split.threshold();
        }
        int radius = Math.max(1, (int) Math.ceil(MORPHOLOGY_RADIUS * Math.max(w, h)));
        BinaryMask opened = new BinaryMask(w, h, candidate).open(radius, DISC);
        BinaryMask lesion = mostCentralLargeComponent(opened);
        if (lesion.isEmpty()) {
            return untrusted(lesion, "no region differs from skin once hairs and speckle are removed", lab, field, skin, 0, 0);
        }
        lesion = lesion.close(radius, DISC).fillHoles();
        lesion = halfWayOutline(lesion, deltaE, field, radius);
        if (lesion.isEmpty()) {
            return untrusted(lesion, "no region differs from skin once hairs and speckle are removed", lab, field, skin, 0, 0);
        }
        int area = lesion.area();
        double contrast = 0;
        for (int i = 0; i < deltaE.length; i++) {
            if (lesion.get(i)) {
                contrast += deltaE[i];
            }
        }
        contrast /= area;
        double fraction = (double) area / fieldArea;
        if (contrast < MIN_CONTRAST) {
            return untrusted(lesion, String.format(Locale.ROOT,
                    "the candidate differs from skin by only %.1f ΔE (at least %.0f needed): no lesion", contrast, MIN_CONTRAST),
                    lab, field, skin, contrast, fraction);
        }
        if (fraction < MIN_AREA_FRACTION || area < MIN_AREA_PX) {
            return untrusted(lesion, "the candidate covers only " + area + " px (" + percent(area, fieldArea) + " of the field): no lesion",
                    lab, field, skin, contrast, fraction);
        }
        if (fraction > MAX_AREA_FRACTION) {
            return untrusted(lesion, "the candidate covers " + percent(area, fieldArea) + " of the field: no skin left to tell it from",
                    lab, field, skin, contrast, fraction);
        }
        return new Result(lesion, true, "ok", lab, field, skin, contrast, fraction);
    }

    /**
     * Redraws the outline where the colour is half-way between skin and the lesion's lighter
     * pigment: ΔE above the mean of the skin's median ΔE and the lesion's {@value #LIGHTER_PIGMENT_QUANTILE} quantile ΔE.
     * Otsu's cut on log ΔE finds the lesion but sits nearer skin than that; a half-way contour is
     * what an observer (and the synthetic generator's mask) calls the edge of a blurred border.
     */
    private static BinaryMask halfWayOutline(BinaryMask lesion, float[] deltaE, BinaryMask field, int radius) {
        BinaryMask skin = field.andNot(lesion.dilate(radius, DISC));
        double halfWay = 0.5 * (Quantiles.of(deltaE, skin, 0.5) + Quantiles.of(deltaE, lesion, LIGHTER_PIGMENT_QUANTILE));
        boolean[] above = new boolean[deltaE.length];
        for (int i = 0; i < above.length; i++) {
            above[i] = field.get(i) && deltaE[i] > halfWay;
        }
        BinaryMask opened = new BinaryMask(lesion.width(), lesion.height(), above).open(radius, DISC);
        int[] best = new int[0];
        int bestOverlap = 0;
        for (int[] component : opened.components(EIGHT)) {
            int overlap = 0;
            for (int p : component) {
                if (lesion.get(p)) {
                    overlap++;
                }
            }
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = component;
            }
        }
        return BinaryMask.of(lesion.width(), lesion.height(), best).close(radius, DISC).fillHoles();
    }

    /** Median L*a*b* of the brighter Otsu class of L* in the field: skin, not pigment. */
    static double[] skinColour(LabImage lab, BinaryMask field) {
        Otsu.Split split = Otsu.split(lab.l(), field);
        boolean[] brighter = new boolean[lab.l().length];
        for (int i = 0; i < brighter.length; i++) {
            brighter[i] = field.get(i) && lab.l()[i] > split.threshold();
        }
        BinaryMask skin = new BinaryMask(lab.width(), lab.height(), brighter);
        if (skin.isEmpty()) {
            skin = field; // a flat image has no brighter class
        }
        return new double[] {Quantiles.of(lab.l(), skin, 0.5), Quantiles.of(lab.a(), skin, 0.5), Quantiles.of(lab.b(), skin, 0.5)};
    }

    private static BinaryMask mostCentralLargeComponent(BinaryMask mask) {
        int w = mask.width();
        int h = mask.height();
        double halfDiagonal = Math.hypot(w, h) / 2;
        List<int[]> components = mask.components(EIGHT);
        int[] best = new int[0];
        double bestScore = 0;
        for (int[] component : components) {
            double sx = 0;
            double sy = 0;
            for (int p : component) {
                sx += p % w + 0.5;
                sy += p / w + 0.5;
            }
            double d = Math.hypot(sx / component.length - w / 2.0, sy / component.length - h / 2.0);
            double centrality = Math.max(0, 1 - d / halfDiagonal);
            double score = component.length * centrality * centrality;
            if (score > bestScore) {
                bestScore = score;
                best = component;
            }
        }
        return BinaryMask.of(w, h, best);
    }

    private static Result untrusted(BinaryMask mask, String reason, LabImage lab, BinaryMask field, double[] skin, double contrast,
                                    double fraction) {
        return new Result(mask, false, reason, lab, field, skin, contrast, fraction);
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / Math.max(1, whole));
    }
}
