package org.lesionsim.data.synthetic;

/**
 * The reticular pigment network of melanocytic lesions: a honeycomb of darker lines around paler
 * holes, drawn from a jittered cell pattern (Worley noise): pale holes around each cell point, lines in
 * between. A typical network is fine and even; an atypical one (high t) has coarser, uneven
 * meshes with thicker lines, broken up in patches.
 */
final class PigmentNetwork {
    private final long seed;
    private final double cell;
    private final double holeRadius;
    private final double atypia;
    private final ValueNoise irregularity;

    /**
     * @param cell size of one mesh in image-width units
     * @param t    progression; it sets how atypical the network is
     */
    PigmentNetwork(long seed, double cell, double t) {
        this.seed = seed;
        this.cell = cell;
        this.holeRadius = 0.34 - 0.10 * t;
        this.atypia = t;
        this.irregularity = new ValueNoise(seed ^ 0x5DEECE66DL, 2);
    }

    /** Line strength in [0, 1] at lesion-local (u, v): 1 on a line, 0 in a hole. */
    double at(double u, double v) {
        double warp = (0.15 + 0.35 * atypia) * irregularity.at(u / (3 * cell), v / (3 * cell));
        double x = u / cell + warp;
        double y = v / cell - warp;
        long cx = (long) Math.floor(x);
        long cy = (long) Math.floor(y);
        double f1 = Double.MAX_VALUE;
        for (long j = cy - 1; j <= cy + 1; j++) {
            for (long i = cx - 1; i <= cx + 1; i++) {
                double px = i + 0.5 + 0.4 * ValueNoise.lattice(i, j, seed);
                double py = j + 0.5 + 0.4 * ValueNoise.lattice(i, j, ~seed);
                double d = RenderMath.length(x - px, y - py);
                f1 = Math.min(f1, d);
            }
        }
        // holes are pale and roundish around each cell point, lines are what is left between them;
        // an atypical network has uneven holes, so its lines vary in width
        double hole = holeRadius * (1 + 0.6 * atypia * irregularity.at(u / (2 * cell) + 9.1, v / (2 * cell)));
        double line = RenderMath.smoothstep(hole, hole + 0.12, f1);
        // an atypical network breaks up: lines fade in patches
        double broken = 1 - atypia * 0.7 * Math.max(0, irregularity.at(u / (4 * cell) - 3.7, v / (4 * cell) + 1.3));
        return line * broken;
    }
}
