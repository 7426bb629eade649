package org.lesionsim.imaging.mask;

import java.util.ArrayList;
import java.util.List;
import org.lesionsim.imaging.ConvexHull;

/**
 * Shape measures of a lesion mask for the A, B and D of the ABCD rule. Pixels are unit squares.
 * <ul>
 *   <li>{@link #mirrorAsymmetry}: area of (mask XOR its mirror image about an axis through the
 *       centroid) over the mask area; 0 for a shape symmetric about that axis, at most 2;
 *   <li>{@link #perimeter}: Cauchy–Crofton estimate from boundary crossings along four directions
 *       (0°, 45°, 90°, 135°), within a few percent of the true length for smooth outlines, where
 *       counting pixel edges would overestimate a circle's by 4/π;
 *   <li>{@link #compactness}: perimeter² / (4π·area), 1 for a disc, larger for ragged or elongated outlines;
 *   <li>{@link #foldAsymmetry}: the share of the area left unmatched by a fold, averaged over both
 *       principal axes (the synthetic ground truth's asymmetry; a quarter of the mean mirror asymmetry);
 *   <li>{@link #maxFeretDiameter}: the lesion's greatest diameter, the greatest distance between two
 *       points of the pixelated shape ({@link Feret} says which points);
 *   <li>{@link #equivalentDiameter}: the diameter of the disc of equal area.
 * </ul>
 */
public final class MaskGeometry {
    private MaskGeometry() {
    }

    /**
     * Area of the symmetric difference between the mask and its reflection about the line through
     * the centroid at {@code axisAngle}, over the mask area. A reflection preserves area, so the two
     * halves of the difference are equal: it is counted as twice the lesion pixels whose mirror
     * image (nearest pixel) lies outside the lesion.
     */
    public static double mirrorAsymmetry(BinaryMask mask, PrincipalAxes axes, double axisAngle) {
        int area = mask.area();
        return area == 0 ? 0 : 2.0 * unmatchedAfterFold(mask, axes, axisAngle) / area;
    }

    /**
     * Fold asymmetry: fold the lesion about each of its two principal axes and take the fraction
     * of its area that finds no partner on the other side, averaged over the two axes. 0 for a
     * disc or an ellipse, rising as the outline becomes lopsided; 0 for an empty mask.
     */
    public static double foldAsymmetry(BinaryMask mask) {
        double n = mask.area();
        if (n == 0) {
            return 0;
        }
        PrincipalAxes axes = PrincipalAxes.of(mask);
        return 0.5 * (unmatchedAfterFold(mask, axes, axes.majorAngle()) + unmatchedAfterFold(mask, axes, axes.minorAngle())) / n;
    }

    /** Lesion pixels whose mirror image (nearest pixel) about the line through the centroid at {@code axisAngle} is outside. */
    public static int unmatchedAfterFold(BinaryMask mask, PrincipalAxes axes, double axisAngle) {
        int w = mask.width();
        double ux = Math.cos(axisAngle);
        double uy = Math.sin(axisAngle);
        int unmatched = 0;
        for (int i = 0; i < w * mask.height(); i++) {
            if (!mask.get(i)) {
                continue;
            }
            double dx = i % w + 0.5 - axes.cx();
            double dy = i / w + 0.5 - axes.cy();
            double along = dx * ux + dy * uy;
            // keep the component along the axis, negate the one across it
            double rx = axes.cx() + 2 * along * ux - dx;
            double ry = axes.cy() + 2 * along * uy - dy;
            if (!mask.contains((int) Math.floor(rx), (int) Math.floor(ry))) {
                unmatched++;
            }
        }
        return unmatched;
    }

    /**
     * Cauchy–Crofton: length = ½∫∫ n(p, θ) dp dθ, with n the number of crossings of the line at
     * angle θ and offset p. Four directions π/4 apart, lines one pixel apart (1/√2 on the diagonals):
     * length ≈ (π/8)·(n₀ + n₉₀ + (n₄₅ + n₁₃₅)/√2).
     */
    public static double perimeter(BinaryMask mask) {
        int w = mask.width();
        int h = mask.height();
        long horizontal = 0;
        long vertical = 0;
        long diagonal = 0;
        long antiDiagonal = 0;
        for (int y = -1; y < h; y++) {
            for (int x = -1; x < w; x++) {
                boolean here = mask.contains(x, y);
                if (here != mask.contains(x + 1, y)) {
                    horizontal++;
                }
                if (here != mask.contains(x, y + 1)) {
                    vertical++;
                }
                if (here != mask.contains(x + 1, y + 1)) {
                    diagonal++;
                }
                if (mask.contains(x + 1, y) != mask.contains(x, y + 1)) {
                    antiDiagonal++;
                }
            }
        }
        return Math.PI / 8 * (horizontal + vertical + (diagonal + antiDiagonal) / Math.sqrt(2));
    }

    /** perimeter² / (4π·area): 1 for a disc. */
    public static double compactness(BinaryMask mask) {
        int area = mask.area();
        if (area == 0) {
            throw new IllegalArgumentException("compactness of an empty mask");
        }
        double p = perimeter(mask);
        return p * p / (4 * Math.PI * area);
    }

    /** Diameter of the disc with the mask's area, 2·√(area/π). */
    public static double equivalentDiameter(BinaryMask mask) {
        return 2 * Math.sqrt(mask.area() / Math.PI);
    }

    /** Which points of the pixelated shape the greatest diameter runs between. */
    public enum Feret {
        /**
         * The corners of the boundary pixels: the exact greatest extent of the union of pixel squares
         * (a 60×80 pixel rectangle measures 100). The ABCD scorer's diameter.
         */
        PIXEL_CORNERS,
        /**
         * The centres of the boundary pixels, plus one pixel for the two half pixels at the ends
         * (one pixel measures 1, the 60×80 rectangle hypot(59, 79) + 1 ≈ 99.6): equal to the corners
         * along the image axes, up to (√2 − 1) px shorter on the diagonal. The synthetic ground
         * truth's diameter, kept so recorded ground truth does not move.
         */
        PIXEL_CENTRES_PLUS_ONE
    }

    /** Greatest distance between two points of the lesion, the convex hull's diameter: see {@link Feret}. */
    public static double maxFeretDiameter(BinaryMask mask, Feret ends) {
        List<long[]> points = new ArrayList<>();
        BinaryMask edge = mask.boundary();
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (edge.contains(x, y)) {
                    if (ends == Feret.PIXEL_CORNERS) {
                        points.add(new long[] {x, y});
                        points.add(new long[] {x + 1, y});
                        points.add(new long[] {x, y + 1});
                        points.add(new long[] {x + 1, y + 1});
                    } else {
                        points.add(new long[] {x, y});
                    }
                }
            }
        }
        if (points.isEmpty()) {
            return 0;
        }
        long[][] hull = ConvexHull.of(points);
        long best = 0;
        for (int i = 0; i < hull.length; i++) {
            for (int j = i + 1; j < hull.length; j++) {
                long dx = hull[i][0] - hull[j][0];
                long dy = hull[i][1] - hull[j][1];
                best = Math.max(best, dx * dx + dy * dy);
            }
        }
        return ends == Feret.PIXEL_CORNERS ? Math.sqrt(best) : Math.sqrt(best) + 1;
    }
}
