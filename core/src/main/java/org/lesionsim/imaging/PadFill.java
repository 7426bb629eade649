package org.lesionsim.imaging;

import java.util.Locale;

/**
 * What fills the band added when an image is padded to a square: mirrored image content
 * ({@link #REFLECT}, numpy's "reflect": the edge pixel is not repeated), the edge pixel repeated
 * ({@link #EDGE}), or one {@link #constant} colour. {@link #token()} names it in fingerprints.
 */
public record PadFill(Kind kind, int rgb) {
    public enum Kind { REFLECT, EDGE, CONSTANT }

    public static final PadFill REFLECT = new PadFill(Kind.REFLECT, 0);
    public static final PadFill EDGE = new PadFill(Kind.EDGE, 0);

    public PadFill {
        if (kind == null) {
            throw new IllegalArgumentException("pad fill kind is required");
        }
        if (kind != Kind.CONSTANT && rgb != 0) {
            throw new IllegalArgumentException("only a constant fill has a colour");
        }
        if ((rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("fill colour must be 0xRRGGBB, got " + Integer.toHexString(rgb));
        }
    }

    /** A constant fill of colour {@code 0xRRGGBB}. */
    public static PadFill constant(int rgb) {
        return new PadFill(Kind.CONSTANT, rgb);
    }

    /**
     * {@code reflect}, {@code edge} or {@code const-rrggbb}: the inverse of {@link #token()}, for
     * configuration files.
     */
    public static PadFill parse(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (t.equals("reflect")) {
            return REFLECT;
        }
        if (t.equals("edge")) {
            return EDGE;
        }
        if (t.matches("const-[0-9a-f]{6}")) {
            return constant(Integer.parseInt(t.substring(6), 16));
        }
        throw new IllegalArgumentException("pad fill must be reflect, edge or const-rrggbb, got " + token);
    }

    public String token() {
        return switch (kind) {
            case REFLECT -> "reflect";
            case EDGE -> "edge";
            case CONSTANT -> String.format(Locale.ROOT, "const-%06x", rgb);
        };
    }

    /** The source index for a possibly out-of-range index {@code i} along a side of length n, or -1 for the constant. */
    int sourceIndex(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (kind) {
            case EDGE -> i < 0 ? 0 : n - 1;
            case CONSTANT -> -1;
            case REFLECT -> {
                if (n == 1) {
                    yield 0;
                }
                int period = 2 * (n - 1); // ... 2 1 [0 1 2 ... n-1] n-2 ... : repeats for pads wider than the image
                int m = Math.floorMod(i, period);
                yield m < n ? m : period - m;
            }
        };
    }
}
