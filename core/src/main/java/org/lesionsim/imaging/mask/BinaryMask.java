package org.lesionsim.imaging.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary image (row-major, {@code true} = in the set), e.g. a lesion mask, and the morphology
 * lesion segmentation needs: erosion, dilation, opening and closing by a square or a disc
 * ({@link StructuringElement}), 4- or 8-connected components ({@link Connectivity}), hole filling.
 * Pixels outside the image count as background. Immutable: every operation returns a new mask.
 * Its shape measures are in {@link MaskGeometry}.
 */
public final class BinaryMask {
    private final int width;
    private final int height;
    private final boolean[] bits;

    /** @param bits row-major, {@code width * height} entries; not copied, so the caller must not change them afterwards */
    public BinaryMask(int width, int height, boolean[] bits) {
        if (width < 1 || height < 1 || bits.length != width * height) {
            throw new IllegalArgumentException("mask of " + width + "x" + height + " needs " + width * height + " pixels, got " + bits.length);
        }
        this.width = width;
        this.height = height;
        this.bits = bits;
    }

    public static BinaryMask empty(int width, int height) {
        return new BinaryMask(width, height, new boolean[width * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean contains(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && bits[y * width + x];
    }

    /** The pixel at row-major index i. */
    public boolean get(int i) {
        return bits[i];
    }

    public int area() {
        int n = 0;
        for (boolean b : bits) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    public boolean isEmpty() {
        for (boolean b : bits) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the pixels (row-major). */
    public boolean[] toArray() {
        return bits.clone();
    }

    public BinaryMask and(BinaryMask other) {
        requireSameSize(other);
        boolean[] out = new boolean[bits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bits[i] && other.bits[i];
        }
        return new BinaryMask(width, height, out);
    }

    public BinaryMask andNot(BinaryMask other) {
        requireSameSize(other);
        boolean[] out = new boolean[bits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bits[i] && !other.bits[i];
        }
        return new BinaryMask(width, height, out);
    }

    /** Erosion: keeps pixels whose whole neighbourhood of radius r is in the set. */
    public BinaryMask erode(int r, StructuringElement element) {
        return element == StructuringElement.DISC ? discFilter(r, true) : squareFilter(r, true);
    }

    /** Dilation: adds pixels with any pixel of the set within their neighbourhood of radius r. */
    public BinaryMask dilate(int r, StructuringElement element) {
        return element == StructuringElement.DISC ? discFilter(r, false) : squareFilter(r, false);
    }

    /** Opening: removes parts narrower than the element (hairs, noise), keeps the rest's shape. */
    public BinaryMask open(int r, StructuringElement element) {
        return erode(r, element).dilate(r, element);
    }

    /** Closing: bridges gaps and notches narrower than the element. */
    public BinaryMask close(int r, StructuringElement element) {
        return dilate(r, element).erode(r, element);
    }

    /** Separable min (erode) or max (dilate) over the (2r+1)-pixel square: rows first, then columns. */
    private BinaryMask squareFilter(int r, boolean erode) {
        boolean[] rows = new boolean[bits.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rows[y * width + x] = squareWindow(bits, x, y, r, 1, 0, erode);
            }
        }
        boolean[] out = new boolean[bits.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = squareWindow(rows, x, y, r, 0, 1, erode);
            }
        }
        return new BinaryMask(width, height, out);
    }

    private boolean squareWindow(boolean[] in, int x, int y, int r, int stepX, int stepY, boolean all) {
        for (int k = -r; k <= r; k++) {
            int xx = x + k * stepX;
            int yy = y + k * stepY;
            boolean v = xx >= 0 && yy >= 0 && xx < width && yy < height && in[yy * width + xx];
            if (all && !v) {
                return false;
            }
            if (!all && v) {
                return true;
            }
        }
        return all;
    }

    /**
     * Disc filter on the part of the image it can change: erosion stays inside the set's bounding
     * box, dilation within r of it, so only that window is filtered (exactly, as pixels outside
     * the box are background either way).
     */
    private BinaryMask discFilter(int r, boolean erode) {
        if (r <= 0) {
            return this;
        }
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (bits[y * width + x]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = y;
                }
            }
        }
        if (x1 < 0) {
            return empty(width, height);
        }
        if (!erode) {
            x0 = Math.max(0, x0 - r);
            y0 = Math.max(0, y0 - r);
            x1 = Math.min(width - 1, x1 + r);
            y1 = Math.min(height - 1, y1 + r);
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        boolean[] window = new boolean[bw * bh];
        for (int y = 0; y < bh; y++) {
            System.arraycopy(bits, (y0 + y) * width + x0, window, y * bw, bw);
        }
        boolean[] filtered = new BinaryMask(bw, bh, window).discFilterWhole(r, erode);
        boolean[] out = new boolean[bits.length];
        for (int y = 0; y < bh; y++) {
            System.arraycopy(filtered, y * bw, out, (y0 + y) * width + x0, bw);
        }
        return new BinaryMask(width, height, out);
    }

    /**
     * Disc filter as a union of row runs: for each row offset dy the disc spans [−h(dy), h(dy)], so
     * a row-wise window test of width 2h+1 per distinct h, combined over the 2r+1 row offsets, costs O(N·r).
     */
    private boolean[] discFilterWhole(int r, boolean erode) {
        int[] half = new int[r + 1];
        boolean[][] rowWindow = new boolean[r + 1][];
        int[] prefix = rowPrefixCounts();
        for (int dy = 0; dy <= r; dy++) {
            half[dy] = (int) Math.floor(Math.sqrt((r + 0.5) * (r + 0.5) - dy * dy));
            if (rowWindow[half[dy]] == null) {
                rowWindow[half[dy]] = rowFilter(prefix, half[dy], erode);
            }
        }
        // erosion: every row's window is full; dilation: some row's window is hit
        boolean[] out = new boolean[bits.length];
        Arrays.fill(out, erode);
        for (int dy = -r; dy <= r; dy++) {
            boolean[] window = rowWindow[half[Math.abs(dy)]];
            for (int y = 0; y < height; y++) {
                int yy = y + dy;
                int row = y * width;
                if (yy < 0 || yy >= height) {
                    if (erode) {
                        Arrays.fill(out, row, row + width, false);
                    }
                    continue;
                }
                int source = yy * width;
                if (erode) {
                    for (int x = 0; x < width; x++) {
                        out[row + x] &= window[source + x];
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        out[row + x] |= window[source + x];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Per row: is every (erode) or any (dilate) pixel in [x−h, x+h] set. From per-row prefix counts
     * ({@code prefix[y·(W+1) + x]} = set pixels left of x), so each half-width costs O(N).
     */
    private boolean[] rowFilter(int[] prefix, int h, boolean erode) {
        boolean[] out = new boolean[bits.length];
        int full = 2 * h + 1;
        for (int y = 0; y < height; y++) {
            int p = y * (width + 1);
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int count = prefix[p + Math.min(width, x + h + 1)] - prefix[p + Math.max(0, x - h)];
                out[row + x] = erode ? count == full : count > 0;
            }
        }
        return out;
    }

    private int[] rowPrefixCounts() {
        int[] prefix = new int[height * (width + 1)];
        for (int y = 0; y < height; y++) {
            int p = y * (width + 1);
            int row = y * width;
            for (int x = 0; x < width; x++) {
                prefix[p + x + 1] = prefix[p + x] + (bits[row + x] ? 1 : 0);
            }
        }
        return prefix;
    }

    /** The connected components in order of their first pixel (row-major), each as a list of row-major pixel indices. */
    public List<int[]> components(Connectivity connectivity) {
        int reach = connectivity == Connectivity.EIGHT ? 1 : 0;
        int[] label = new int[bits.length];
        int[] stack = new int[bits.length];
        List<int[]> components = new ArrayList<>();
        for (int start = 0; start < bits.length; start++) {
            if (!bits[start] || label[start] != 0) {
                continue;
            }
            int id = components.size() + 1;
            int top = 0;
            int size = 0;
            stack[top++] = start;
            label[start] = id;
            int[] members = new int[16];
            while (top > 0) {
                int p = stack[--top];
                if (size == members.length) {
                    members = Arrays.copyOf(members, 2 * size);
                }
                members[size++] = p;
                int x = p % width;
                int y = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        // four-connected: only the neighbours sharing an edge (|dx| + |dy| = 1)
                        if (Math.abs(dx) + Math.abs(dy) > 1 + reach) {
                            continue;
                        }
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < width && yy < height) {
                            int q = yy * width + xx;
                            if (bits[q] && label[q] == 0) {
                                label[q] = id;
                                stack[top++] = q;
                            }
                        }
                    }
                }
            }
            components.add(Arrays.copyOf(members, size));
        }
        return components;
    }

    /**
     * The largest component that does not touch the image border (the first one found on a tie;
     * empty if none): in a dermatoscope image the dark corners of the field touch the border, the lesion does not.
     */
    public BinaryMask largestInteriorComponent(Connectivity connectivity) {
        int[] best = new int[0];
        for (int[] component : components(connectivity)) {
            if (component.length > best.length && !touchesBorder(component)) {
                best = component;
            }
        }
        return of(width, height, best);
    }

    private boolean touchesBorder(int[] component) {
        for (int p : component) {
            int x = p % width;
            int y = p / width;
            if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                return true;
            }
        }
        return false;
    }

    /** A mask holding exactly the given pixels. */
    public static BinaryMask of(int width, int height, int[] pixels) {
        boolean[] out = new boolean[width * height];
        for (int p : pixels) {
            out[p] = true;
        }
        return new BinaryMask(width, height, out);
    }

    /** Sets background not 4-connected to the image border (holes, e.g. white regression inside a lesion). */
    public BinaryMask fillHoles() {
        boolean[] outside = new boolean[bits.length];
        int[] stack = new int[bits.length];
        int top = 0;
        for (int x = 0; x < width; x++) {
            top = push(stack, top, outside, x);
            top = push(stack, top, outside, (height - 1) * width + x);
        }
        for (int y = 0; y < height; y++) {
            top = push(stack, top, outside, y * width);
            top = push(stack, top, outside, y * width + width - 1);
        }
        while (top > 0) {
            int p = stack[--top];
            int x = p % width;
            if (x > 0) {
                top = push(stack, top, outside, p - 1);
            }
            if (x < width - 1) {
                top = push(stack, top, outside, p + 1);
            }
            if (p >= width) {
                top = push(stack, top, outside, p - width);
            }
            if (p + width < bits.length) {
                top = push(stack, top, outside, p + width);
            }
        }
        boolean[] filled = new boolean[bits.length];
        for (int i = 0; i < filled.length; i++) {
            filled[i] = !outside[i];
        }
        return new BinaryMask(width, height, filled);
    }

    private int push(int[] stack, int top, boolean[] outside, int p) {
        if (!bits[p] && !outside[p]) {
            outside[p] = true;
            stack[top++] = p;
        }
        return top;
    }

    /** Set pixels with at least one 4-neighbour outside the set (the inner boundary). */
    public BinaryMask boundary() {
        boolean[] out = new boolean[bits.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = contains(x, y)
                        && (!contains(x - 1, y) || !contains(x + 1, y) || !contains(x, y - 1) || !contains(x, y + 1));
            }
        }
        return new BinaryMask(width, height, out);
    }

    private void requireSameSize(BinaryMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks differ in size: " + width + "x" + height + " vs " + other.width + "x" + other.height);
        }
    }
}
