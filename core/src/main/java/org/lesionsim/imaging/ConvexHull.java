package org.lesionsim.imaging;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Convex hull of integer pixel points (Andrew's monotone chain, collinear points dropped). */
public final class ConvexHull {
    private ConvexHull() {
    }

    /** Hull vertices in counter-clockwise order; at least one point for non-empty input. */
    public static long[][] of(List<long[]> points) {
        long[][] p = points.toArray(new long[0][]);
        Arrays.sort(p, Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        long[][] hull = new long[2 * p.length][];
        int k = 0;
        for (long[] q : p) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], q) <= 0) {
                k--;
            }
            hull[k++] = q;
        }
        for (int i = p.length - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
                k--;
            }
            hull[k++] = p[i];
        }
        return Arrays.copyOf(hull, Math.max(1, k - 1));
    }

    private static long cross(long[] o, long[] a, long[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
