package org.lesionsim.data.synthetic;

/**
 * Seeded smooth noise for skin texture and pigment layout: value noise on an integer lattice with
 * quintic interpolation, summed over octaves (fractal Brownian motion). Pure functions of the seed
 * and the coordinates, so a render is the same on every machine.
 */
final class ValueNoise {
    private final long seed;
    private final int octaves;

    ValueNoise(long seed, int octaves) {
        this.seed = seed;
        this.octaves = octaves;
    }

    /** fBm in about [-1, 1]; one lattice cell per unit of {@code x, y} at the first octave. */
    double at(double x, double y) {
        double sum = 0;
        double amplitude = 1;
        double norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += amplitude * single(x, y, seed + o * 0x9E3779B97F4A7C15L);
            norm += amplitude;
            amplitude *= 0.5;
            x *= 2.03;
            y *= 2.03;
        }
        return sum / norm;
    }

    private static double single(double x, double y, long s) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = fade(x - fx);
        double ty = fade(y - fy);
        double a = lattice(ix, iy, s);
        double b = lattice(ix + 1, iy, s);
        double c = lattice(ix, iy + 1, s);
        double d = lattice(ix + 1, iy + 1, s);
        double top = a + (b - a) * tx;
        double bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    /** Lattice value in [-1, 1]. */
    static double lattice(long ix, long iy, long s) {
        return (mix(s ^ mix(ix * 0x632BE59BD9B4E019L + iy * 0x85157AF5L)) >>> 11) * 0x1.0p-53 * 2 - 1;
    }

    /** SplitMix64's finaliser: a good 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
