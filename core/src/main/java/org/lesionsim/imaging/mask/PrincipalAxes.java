package org.lesionsim.imaging.mask;

/**
 * The principal axes of a lesion mask: centroid and the eigenvectors of the second central moments
 * of its pixel centres. The major axis points along the lesion's greatest spread; the minor axis is
 * perpendicular to it. The ABCD rule's asymmetry is judged across these two axes.
 *
 * @param cx            centroid x (pixel centres at x + 0.5)
 * @param cy            centroid y
 * @param majorAngle    angle of the major axis from the +x axis, radians, in (−π/2, π/2]
 * @param majorVariance variance of the pixels along the major axis (px²)
 * @param minorVariance variance along the minor axis (px²)
 */
public record PrincipalAxes(double cx, double cy, double majorAngle, double majorVariance, double minorVariance) {

    public static PrincipalAxes of(BinaryMask mask) {
        int w = mask.width();
        double n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < w * mask.height(); i++) {
            if (mask.get(i)) {
                n++;
                sx += i % w + 0.5;
                sy += i / w + 0.5;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("principal axes of an empty mask");
        }
        double cx = sx / n;
        double cy = sy / n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < w * mask.height(); i++) {
            if (mask.get(i)) {
                double dx = i % w + 0.5 - cx;
                double dy = i / w + 0.5 - cy;
                sxx += dx * dx;
                syy += dy * dy;
                sxy += dx * dy;
            }
        }
        sxx /= n;
        syy /= n;
        sxy /= n;
        double angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        double mean = (sxx + syy) / 2;
        double spread = Math.hypot((sxx - syy) / 2, sxy);
        return new PrincipalAxes(cx, cy, angle, mean + spread, mean - spread);
    }

    /** Angle of the minor axis, perpendicular to the major one. */
    public double minorAngle() {
        return majorAngle + Math.PI / 2;
    }
}
