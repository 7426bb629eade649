package org.lesionsim.data.synthetic;

import org.lesionsim.imaging.DermoscopicColour;

import java.util.List;

/**
 * The pigment of a lesion at one point: the present colours in the proportions they show there,
 * a pigment network over the brown parts (fading towards the rim of a benign lesion, coarse and
 * broken in a malignant one), a whitish haze over blue-grey (the blue-white
 * veil), dotted vessels in red areas, gentle shading and grain. Textures never push a pixel to
 * another reference colour, so the colour count of the image stays the painted one.
 */
final class LesionPaint {
    private final LesionShape shape;
    private final PigmentNetwork network;
    private final ValueNoise shade;
    private final ValueNoise veil;
    private final long seed;
    private final double t;
    private final double[] ref;
    private final int lightBrown;
    private final int darkBrown;
    private final int blueGrey;
    private final int red;
    private final int white;
    private final double[] weights;

    LesionPaint(PigmentLayout layout, LesionShape shape, long seed, double t) {
        this.shape = shape;
        this.seed = seed;
        this.t = t;
        this.network = new PigmentNetwork(seed, 0.013 + 0.008 * t, t);
        this.shade = new ValueNoise(seed + 7, 3);
        this.veil = new ValueNoise(seed + 8, 3);
        List<DermoscopicColour> colours = layout.colours();
        this.ref = new double[3 * colours.size()];
        for (int i = 0; i < colours.size(); i++) {
            ref[3 * i] = colours.get(i).red();
            ref[3 * i + 1] = colours.get(i).green();
            ref[3 * i + 2] = colours.get(i).blue();
        }
        var index = layout.indexOf();
        this.lightBrown = index.getOrDefault(DermoscopicColour.LIGHT_BROWN, -1);
        this.darkBrown = index.getOrDefault(DermoscopicColour.DARK_BROWN, -1);
        this.blueGrey = index.getOrDefault(DermoscopicColour.BLUE_GREY, -1);
        this.red = index.getOrDefault(DermoscopicColour.RED, -1);
        this.white = index.getOrDefault(DermoscopicColour.WHITE, -1);
        this.weights = new double[colours.size()];
    }

    /**
     * Writes the lesion colour at lesion-local (u, v) to {@code rgb}.
     *
     * @param membership how much of each present colour (in {@link PigmentLayout#colours()} order)
     *                   shows here; they sum to 1 and blend only near a region's edge
     * @param x          pixel column, for per-pixel grain
     */
    void colourAt(double u, double v, double[] membership, int x, int y, double[] rgb) {
        rgb[0] = 0;
        rgb[1] = 0;
        rgb[2] = 0;
        for (int i = 0; i < membership.length; i++) {
            weights[i] = membership[i];
            rgb[0] += weights[i] * ref[3 * i];
            rgb[1] += weights[i] * ref[3 * i + 1];
            rgb[2] += weights[i] * ref[3 * i + 2];
        }
        double mean = shape.meanRadius();
        double relative = RenderMath.length(u, v) / shape.radiusAt(Math.atan2(v, u));

        double brown = weight(lightBrown) + weight(darkBrown);
        if (brown > 0) {
            // benign: the network thins out towards the rim; malignant: it stays to the edge
            double fade = 1 - (1 - t) * 0.75 * RenderMath.smoothstep(0.55, 1.0, relative);
            double strength = 0.16 * brown * fade * network.at(u, v);
            scale(rgb, 1 - strength);
        }
        double haze = veil.at(u / (0.25 * mean), v / (0.25 * mean));
        if (blueGrey >= 0) {
            add(rgb, weights[blueGrey] * 20 * haze);
        }
        if (white >= 0) {
            // regression is scar-like: a dull pinkish white, not paper white
            double w = weights[white];
            rgb[0] -= w * (12 + 8 * Math.abs(haze));
            rgb[1] -= w * (22 + 8 * Math.abs(haze));
            rgb[2] -= w * (16 + 8 * Math.abs(haze));
        }
        if (red >= 0 && weights[red] > 0.5) {
            // dotted vessels: small darker red points on a jittered grid
            double cell = 0.012;
            long gx = (long) Math.floor(u / cell);
            long gy = (long) Math.floor(v / cell);
            double dx = u / cell - gx - 0.5 - 0.3 * ValueNoise.lattice(gx, gy, seed + 11);
            double dy = v / cell - gy - 0.5 - 0.3 * ValueNoise.lattice(gx, gy, seed + 12);
            double dot = 1 - RenderMath.smoothstep(0.12, 0.22, RenderMath.length(dx, dy));
            rgb[0] -= weights[red] * 28 * dot;
            rgb[1] -= weights[red] * 14 * dot;
            rgb[2] -= weights[red] * 10 * dot;
        }
        // mottling at two scales: broad shading and small clods of pigment
        // (white regression is flat and scar-like: barely mottled)
        double mottle = 0.09 * shade.at(u / (0.3 * mean), v / (0.3 * mean)) + 0.06 * shade.at(u / 0.006 + 31, v / 0.006);
        scale(rgb, 1 + mottle * (1 - 0.75 * weight(white)));
        double grain = ValueNoise.lattice(x, y, seed + 13) * 4;
        add(rgb, grain);
    }

    private double weight(int index) {
        return index < 0 ? 0 : weights[index];
    }

    private static void scale(double[] rgb, double f) {
        rgb[0] *= f;
        rgb[1] *= f;
        rgb[2] *= f;
    }

    private static void add(double[] rgb, double d) {
        rgb[0] += d;
        rgb[1] += d;
        rgb[2] += d;
    }
}
