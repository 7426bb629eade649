package org.lesionsim.data.synthetic;

/**
 * The dermatoscope's circular field of view: flat in the middle, a slight lens fall-off, then a
 * soft edge into the black corners that most HAM10000 images show. The renderer keeps the lesion
 * inside the flat part.
 */
final class DermatoscopeField {
    private final double cx;
    private final double cy;
    private final double inner;
    private final double outer;

    DermatoscopeField(int width, int height, double shiftX, double shiftY, double size) {
        double halfDiagonal = Math.hypot(width, height) / 2;
        this.cx = width / 2.0 + shiftX;
        this.cy = height / 2.0 + shiftY;
        this.inner = 0.80 * size * halfDiagonal;
        this.outer = inner + 0.16 * halfDiagonal;
    }

    /** Multiplier for the light reaching pixel (x, y): ~1 in the field, 0 in the corners. */
    double transmission(int x, int y) {
        double d = RenderMath.length(x + 0.5 - cx, y + 0.5 - cy);
        double lens = 1 - 0.03 * Math.min(1, (d / inner) * (d / inner));
        return lens * (1 - RenderMath.smoothstep(inner, outer, d));
    }
}
