package org.lesionsim.metrics.abcd;

import java.util.Arrays;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.metrics.PlanarImage;

/**
 * The dermatoscope's field of view and its light fall-off, estimated from the image itself, so the
 * dark vignette corners of dermoscopy photos are neither mistaken for lesion nor allowed to bias a
 * threshold.
 *
 * <p>Fall-off is modelled as a transmission T(θ, r) about the image centre: the image is cut into
 * {@value #SECTORS} angular sectors × concentric rings; in each cell the {@value #PERCENTILE}
 * quantile of linear luminance is taken (skin, not lesion or hair, where skin covers a quarter of
 * the cell or more); going inwards, T never falls (a running maximum from the rim), because a
 * dermatoscope darkens towards its edge, never towards the middle, so a dark lesion in the centre
 * is not mistaken for shading. T is smoothed across sectors, scaled so its maximum is 1, and
 * interpolated bilinearly. Pixels with T below {@value #MIN_TRANSMISSION} are outside the field.
 * Any star-shaped field (an off-centre circle, or the ellipse of a squashed photo) fits this model.
 *
 * <p>In: RGB in [0, 1]. Out: {@link #transmission(int, int)} per pixel and the field {@link #mask()}.
 */
public final class FieldOfView {
    static final int SECTORS = 16;
    static final double PERCENTILE = 0.75;
    /** Darker than half the brightest skin: the lens's black surround or its soft edge. */
    static final double MIN_TRANSMISSION = 0.5;

    private final int width;
    private final int height;
    private final float[] perPixel; // row-major

    private FieldOfView(int width, int height, float[] perPixel) {
        this.width = width;
        this.height = height;
        this.perPixel = perPixel;
    }

    /** Sectors × rings about the image centre, about four pixels per ring (6 to 48 rings). */
    private record PolarGrid(double cx, double cy, double ringWidth, int rings) {
        static PolarGrid of(int width, int height) {
            double halfDiagonal = Math.hypot(width, height) / 2;
            int rings = (int) Math.max(6, Math.min(48, Math.round(halfDiagonal / 4)));
            return new PolarGrid(width / 2.0, height / 2.0, halfDiagonal / rings + 1e-9, rings);
        }

        /** Continuous sector coordinate in [0, SECTORS). */
        double sectorCoordinate(int x, int y) {
            return (Math.atan2(y + 0.5 - cy, x + 0.5 - cx) + Math.PI) / (2 * Math.PI) * SECTORS;
        }

        /** Continuous ring coordinate, 0 at the centre. */
        double ringCoordinate(int x, int y) {
            return Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / ringWidth;
        }

        int cell(int x, int y) {
            int sector = Math.min(SECTORS - 1, (int) sectorCoordinate(x, y));
            return sector * rings + Math.min(rings - 1, (int) ringCoordinate(x, y));
        }
    }

    public static FieldOfView estimate(PlanarImage rgb) {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("field of view needs an RGB image, got " + rgb.channels() + " channels");
        }
        int w = rgb.width();
        int h = rgb.height();
        PolarGrid grid = PolarGrid.of(w, h);
        double[][] cells = cellQuantiles(rgb, grid);
        neverDarkerInwards(cells);
        double[][] transmission = smoothAcrossSectorsAndScale(cells);
        float[] perPixel = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                perPixel[y * w + x] = (float) interpolate(transmission, grid, x, y);
            }
        }
        return new FieldOfView(w, h, perPixel);
    }

    /** Per [sector][ring], the {@link #PERCENTILE} quantile of linear luminance (NaN for an empty cell). */
    private static double[][] cellQuantiles(PlanarImage rgb, PolarGrid grid) {
        int w = rgb.width();
        int n = w * rgb.height();
        int cells = SECTORS * grid.rings();
        int[] cellOf = new int[n];
        int[] start = new int[cells + 1];
        float[] v = rgb.values();
        for (int i = 0; i < n; i++) {
            cellOf[i] = grid.cell(i % w, i / w);
            start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            start[c + 1] += start[c];
        }
        // bucket the luminances by cell
        int[] fill = Arrays.copyOf(start, cells);
        float[] byCell = new float[n];
        for (int i = 0; i < n; i++) {
            byCell[fill[cellOf[i]]++] = (float) CieLab.luminance(CieLab.srgbToLinear(v[i]), CieLab.srgbToLinear(v[n + i]),
                    CieLab.srgbToLinear(v[2 * n + i]));
        }
        double[][] quantile = new double[SECTORS][grid.rings()];
        for (int s = 0; s < SECTORS; s++) {
            for (int r = 0; r < grid.rings(); r++) {
                int c = s * grid.rings() + r;
                quantile[s][r] = start[c + 1] == start[c] ? Double.NaN : Quantiles.inPlace(byCell, start[c], start[c + 1], PERCENTILE);
            }
        }
        return quantile;
    }

    /** A running maximum from the rim inwards, per sector (empty cells take the value outside them). */
    private static void neverDarkerInwards(double[][] cells) {
        for (double[] sector : cells) {
            double outer = Double.NaN;
            for (int r = sector.length - 1; r >= 0; r--) {
                if (!Double.isNaN(sector[r])) {
                    outer = Double.isNaN(outer) ? sector[r] : Math.max(outer, sector[r]);
                }
                sector[r] = outer;
            }
        }
    }

    /** A [1 2 1] filter across neighbouring sectors, then division by the maximum. */
    private static double[][] smoothAcrossSectorsAndScale(double[][] cells) {
        int rings = cells[0].length;
        double[][] smooth = new double[SECTORS][rings];
        double max = 0;
        for (int s = 0; s < SECTORS; s++) {
            for (int r = 0; r < rings; r++) {
                double sum = 0;
                double weight = 0;
                for (int k = -1; k <= 1; k++) {
                    double value = cells[Math.floorMod(s + k, SECTORS)][r];
                    if (!Double.isNaN(value)) {
                        double wk = k == 0 ? 2 : 1;
                        sum += wk * value;
                        weight += wk;
                    }
                }
                smooth[s][r] = weight == 0 ? Double.NaN : sum / weight;
                if (weight > 0) {
                    max = Math.max(max, smooth[s][r]);
                }
            }
        }
        for (double[] sector : smooth) {
            for (int r = 0; r < rings; r++) {
                sector[r] = max > 0 ? sector[r] / max : 1;
            }
        }
        return smooth;
    }

    /** Bilinear in (angle, radius) between cell centres, wrapping around in angle. */
    private static double interpolate(double[][] transmission, PolarGrid grid, int x, int y) {
        double u = grid.sectorCoordinate(x, y) - 0.5;
        double v = Math.max(0, Math.min(grid.rings() - 1, grid.ringCoordinate(x, y) - 0.5));
        int s0 = (int) Math.floor(u);
        int r0 = (int) Math.floor(v);
        int[] sectors = {Math.floorMod(s0, SECTORS), Math.floorMod(s0 + 1, SECTORS)};
        int[] rings = {r0, Math.min(grid.rings() - 1, r0 + 1)};
        double[] sectorWeights = {1 - (u - s0), u - s0};
        double[] ringWeights = {1 - (v - r0), v - r0};
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double value = transmission[sectors[i]][rings[j]];
                double wij = sectorWeights[i] * ringWeights[j];
                // a cell beyond the image's edge holds no estimate: interpolate from the others
                if (!Double.isNaN(value) && wij > 0) {
                    sum += wij * value;
                    weight += wij;
                }
            }
        }
        if (weight > 0) {
            return sum / weight;
        }
        int own = grid.cell(x, y);
        return transmission[own / grid.rings()][own % grid.rings()];
    }

    /** Share of the brightest skin's light that reaches pixel (x, y): ~1 in the field, ~0 in the corners. */
    public double transmission(int x, int y) {
        return perPixel[y * width + x];
    }

    /** Pixels inside the field of view: transmission at least {@value #MIN_TRANSMISSION}. */
    public BinaryMask mask() {
        boolean[] in = new boolean[width * height];
        for (int i = 0; i < in.length; i++) {
            in[i] = perPixel[i] >= MIN_TRANSMISSION;
        }
        return new BinaryMask(width, height, in);
    }
}
