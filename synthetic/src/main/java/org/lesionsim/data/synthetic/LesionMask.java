package org.lesionsim.data.synthetic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lesionsim.imaging.ConvexHull;

/**
 * A binary lesion mask (row-major, {@code true} = lesion) with the geometry of the ABCD rule
 * measured on it: greatest diameter and fold asymmetry. The generator's ground truth and the
 * image-based check ({@link GroundTruthCheck}) both measure through this class, so "agrees" means
 * the same definition applied to two masks. Also the few morphology operations the check needs.
 */
public final class LesionMask {
    private final int width;
    private final int height;
    private final boolean[] inside;

    /** @param inside row-major, {@code width * height} entries; copied */
    public LesionMask(int width, int height, boolean[] inside) {
        this(width, height, inside.clone(), true);
        if (inside.length != width * height) {
            throw new IllegalArgumentException("mask has " + inside.length + " pixels, expected " + width + "x" + height);
        }
    }

    /** Takes ownership of {@code inside} (no copy), for masks this class or the renderer made. */
    private LesionMask(int width, int height, boolean[] inside, boolean owned) {
        this.width = width;
        this.height = height;
        this.inside = inside;
    }

    static LesionMask wrap(int width, int height, boolean[] inside) {
        return new LesionMask(width, height, inside, true);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean contains(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && inside[y * width + x];
    }

    /** Lesion area in pixels. */
    public int area() {
        int n = 0;
        for (boolean b : inside) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /**
     * Greatest diameter (maximum Feret diameter) in pixels: the largest distance between two lesion
     * pixels, counting each pixel's full extent (so one pixel measures 1).
     */
    public double greatestDiameter() {
        List<long[]> edge = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (contains(x, y) && (!contains(x - 1, y) || !contains(x + 1, y) || !contains(x, y - 1) || !contains(x, y + 1))) {
                    edge.add(new long[] {x, y});
                }
            }
        }
        if (edge.isEmpty()) {
            return 0;
        }
        List<long[]> hull = java.util.Arrays.asList(ConvexHull.of(edge));
        double best = 0;
        for (int i = 0; i < hull.size(); i++) {
            for (int j = i + 1; j < hull.size(); j++) {
                double dx = hull.get(i)[0] - hull.get(j)[0];
                double dy = hull.get(i)[1] - hull.get(j)[1];
                best = Math.max(best, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(best) + 1;
    }


    /**
     * Shape asymmetry as in the "A" of ABCD: fold the lesion about each of its two principal axes
     * (through the centroid) and take the fraction of its area that finds no partner on the other
     * side; the result is the mean over the two axes. 0 for a disc or an ellipse, rising as the
     * outline becomes lopsided.
     */
    public double asymmetry() {
        double n = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (inside[y * width + x]) {
                    n++;
                    sx += x;
                    sy += y;
                }
            }
        }
        if (n == 0) {
            return 0;
        }
        double cx = sx / n;
        double cy = sy / n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (inside[y * width + x]) {
                    sxx += (x - cx) * (x - cx);
                    syy += (y - cy) * (y - cy);
                    sxy += (x - cx) * (y - cy);
                }
            }
        }
        double angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        return 0.5 * (unmatchedAfterFold(cx, cy, angle) + unmatchedAfterFold(cx, cy, angle + Math.PI / 2)) / n;
    }

    /** Lesion pixels whose mirror image about the line through (cx, cy) at {@code angle} is outside. */
    private int unmatchedAfterFold(double cx, double cy, double angle) {
        double ux = Math.cos(angle);
        double uy = Math.sin(angle);
        int unmatched = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!inside[y * width + x]) {
                    continue;
                }
                double dx = x - cx;
                double dy = y - cy;
                double along = dx * ux + dy * uy;
                // reflect: keep the component along the axis, negate the one across it
                double rx = cx + 2 * along * ux - dx;
                double ry = cy + 2 * along * uy - dy;
                if (!contains((int) Math.round(rx), (int) Math.round(ry))) {
                    unmatched++;
                }
            }
        }
        return unmatched;
    }

    /** Erosion by a (2r+1)-pixel square: removes structures thinner than the square. */
    public LesionMask erode(int r) {
        return wrap(width, height, squareFilter(inside, r, true));
    }

    public LesionMask dilate(int r) {
        return wrap(width, height, squareFilter(inside, r, false));
    }

    /** Morphological opening: removes hairs and thin lines narrower than 2r+1 pixels, keeps blobs. */
    public LesionMask open(int r) {
        return erode(r).dilate(r);
    }

    /** Separable min (erode) or max (dilate) over a square window; pixels outside count as background. */
    private boolean[] squareFilter(boolean[] in, int r, boolean erode) {
        boolean[] rows = new boolean[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rows[y * width + x] = window(in, x, y, r, 1, 0, erode);
            }
        }
        boolean[] out = new boolean[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = window(rows, x, y, r, 0, 1, erode);
            }
        }
        return out;
    }

    private boolean window(boolean[] in, int x, int y, int r, int stepX, int stepY, boolean all) {
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

    /** The largest 4-connected component that does not touch the image border (empty if none). */
    public LesionMask largestInteriorComponent() {
        int[] label = new int[inside.length];
        boolean[] best = new boolean[inside.length];
        int bestSize = 0;
        int next = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        List<Integer> members = new ArrayList<>();
        for (int start = 0; start < inside.length; start++) {
            if (!inside[start] || label[start] != 0) {
                continue;
            }
            next++;
            members.clear();
            boolean touchesBorder = false;
            label[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                members.add(p);
                int x = p % width;
                int y = p / width;
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                    touchesBorder = true;
                }
                int[] neighbours = {x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p + width : -1};
                for (int q : neighbours) {
                    if (q >= 0 && inside[q] && label[q] == 0) {
                        label[q] = next;
                        queue.add(q);
                    }
                }
            }
            if (!touchesBorder && members.size() > bestSize) {
                bestSize = members.size();
                Arrays.fill(best, false);
                for (int p : members) {
                    best[p] = true;
                }
            }
        }
        return wrap(width, height, best);
    }

    /** Fills enclosed background (e.g. white regression areas that a skin threshold missed). */
    public LesionMask fillHoles() {
        boolean[] outside = new boolean[inside.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int x = 0; x < width; x++) {
            seed(queue, outside, x);
            seed(queue, outside, (height - 1) * width + x);
        }
        for (int y = 0; y < height; y++) {
            seed(queue, outside, y * width);
            seed(queue, outside, y * width + width - 1);
        }
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int x = p % width;
            int y = p / width;
            if (x > 0) {
                seed(queue, outside, p - 1);
            }
            if (x < width - 1) {
                seed(queue, outside, p + 1);
            }
            if (y > 0) {
                seed(queue, outside, p - width);
            }
            if (y < height - 1) {
                seed(queue, outside, p + width);
            }
        }
        boolean[] filled = new boolean[inside.length];
        for (int i = 0; i < filled.length; i++) {
            filled[i] = !outside[i];
        }
        return wrap(width, height, filled);
    }

    private void seed(ArrayDeque<Integer> queue, boolean[] outside, int p) {
        if (!inside[p] && !outside[p]) {
            outside[p] = true;
            queue.add(p);
        }
    }
}
