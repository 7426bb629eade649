package org.lesionsim.data.synthetic;

/** The two small functions every painting step uses. */
final class RenderMath {
    private RenderMath() {
    }

    /** Hermite step: 0 below a, 1 above b, smooth in between. */
    static double smoothstep(double a, double b, double x) {
        double t = Math.max(0, Math.min(1, (x - a) / (b - a)));
        return t * t * (3 - 2 * t);
    }

    /** sqrt(a² + b²) without {@code Math.hypot}'s overflow care, which is slow and not needed here. */
    static double length(double a, double b) {
        return Math.sqrt(a * a + b * b);
    }
}
