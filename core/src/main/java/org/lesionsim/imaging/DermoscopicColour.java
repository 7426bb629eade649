package org.lesionsim.imaging;

import java.util.Locale;

/**
 * The six colours of dermoscopy's ABCD rule (the "C" score counts how many are present), with
 * the reference RGB each is painted and recognised by. Nevi usually show one or two browns;
 * melanoma adds black, blue-grey, red and white (regression).
 */
public enum DermoscopicColour {
    WHITE(230, 225, 220),
    RED(170, 60, 60),
    LIGHT_BROWN(160, 110, 70),
    DARK_BROWN(90, 50, 30),
    BLUE_GREY(100, 110, 130),
    BLACK(30, 25, 25);

    private final int r;
    private final int g;
    private final int b;

    DermoscopicColour(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
    }

    public int red() {
        return r;
    }

    public int green() {
        return g;
    }

    public int blue() {
        return b;
    }

    /** The name used in CSV columns, e.g. {@code light_brown}. */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DermoscopicColour fromCsvName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** Squared RGB distance to this colour's reference. */
    public int distanceSquared(int red, int green, int blue) {
        int dr = red - r;
        int dg = green - g;
        int db = blue - b;
        return dr * dr + dg * dg + db * db;
    }

    /** The reference colour nearest to an RGB pixel (Euclidean in RGB). */
    public static DermoscopicColour nearest(int red, int green, int blue) {
        DermoscopicColour best = WHITE;
        int bestDistance = Integer.MAX_VALUE;
        for (DermoscopicColour c : values()) {
            int d = c.distanceSquared(red, green, blue);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }
}
