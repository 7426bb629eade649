package org.lesionsim.metrics.abcd;

import java.util.ArrayList;
import java.util.List;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.imaging.mask.PrincipalAxes;

/**
 * The border part of the ABCD rule: in how many of eight 45° sectors (around the centroid,
 * counted from the major principal axis) the pigment pattern ends abruptly at the periphery.
 *
 * <p>Per sector: the colour gradient at the lesion's boundary pixels, |∇| = ΔE*ab per pixel from
 * Sobel derivatives of L*, a* and b* (divided by 8, the kernel's gain); its median g; the contrast C
 * = ΔE*ab between skin and the median colour of the lesion pixels in that sector. A linear ramp
 * of contrast C and width W has gradient C/W, so W = C/g is the width of the transition from
 * lesion to skin. The cut-off is <b>abrupt</b> when W is below {@value #ABRUPT_WIDTH} of the
 * lesion's greatest diameter; fading pigment (a gradual, wide transition) is not abrupt.
 */
public final class BorderSharpness {
    static final double ABRUPT_WIDTH = 0.06;
    public static final int SECTORS = 8;

    private BorderSharpness() {
    }

    /** @param edgeWidthsPx each sector's transition width W in pixels (NaN where the sector holds no boundary) */
    public record Result(int abruptSectors, List<Double> edgeWidthsPx) {
    }

    public static Result measure(LabImage lab, BinaryMask lesion, PrincipalAxes axes, double[] skinLab, double diameterPx) {
        int w = lab.width();
        int n = w * lab.height();
        BinaryMask boundary = lesion.boundary();
        int[] sectorOf = new int[n];
        int[] lesionCount = new int[SECTORS];
        int[] boundaryCount = new int[SECTORS];
        for (int i = 0; i < n; i++) {
            if (lesion.get(i)) {
                sectorOf[i] = sector(i % w, i / w, axes);
                lesionCount[sectorOf[i]]++;
                if (boundary.get(i)) {
                    boundaryCount[sectorOf[i]]++;
                }
            }
        }
        float[][][] colours = new float[SECTORS][3][];
        float[][] gradients = new float[SECTORS][];
        for (int s = 0; s < SECTORS; s++) {
            for (int c = 0; c < 3; c++) {
                colours[s][c] = new float[lesionCount[s]];
            }
            gradients[s] = new float[boundaryCount[s]];
        }
        int[] nextColour = new int[SECTORS];
        int[] nextGradient = new int[SECTORS];
        for (int i = 0; i < n; i++) {
            if (!lesion.get(i)) {
                continue;
            }
            int s = sectorOf[i];
            colours[s][0][nextColour[s]] = lab.l()[i];
            colours[s][1][nextColour[s]] = lab.a()[i];
            colours[s][2][nextColour[s]++] = lab.b()[i];
            if (boundary.get(i)) {
                gradients[s][nextGradient[s]++] = (float) colourGradient(lab, i % w, i / w);
            }
        }
        List<Double> widths = new ArrayList<>();
        int abrupt = 0;
        for (int s = 0; s < SECTORS; s++) {
            if (boundaryCount[s] == 0) {
                widths.add(Double.NaN);
                continue;
            }
            double g = median(gradients[s]);
            double contrast = CieLab.deltaE(median(colours[s][0]), median(colours[s][1]), median(colours[s][2]),
                    skinLab[0], skinLab[1], skinLab[2]);
            double width = g > 0 ? contrast / g : Double.POSITIVE_INFINITY;
            widths.add(width);
            if (width < ABRUPT_WIDTH * diameterPx) {
                abrupt++;
            }
        }
        return new Result(abrupt, widths);
    }

    private static int sector(int x, int y, PrincipalAxes axes) {
        double angle = Math.atan2(y + 0.5 - axes.cy(), x + 0.5 - axes.cx()) - axes.majorAngle();
        double turn = angle / (2 * Math.PI);
        turn -= Math.floor(turn);
        return Math.min(SECTORS - 1, (int) (turn * SECTORS));
    }

    /** ΔE*ab per pixel: the Sobel gradient of each L*a*b* plane (over 8), combined as a vector norm. */
    private static double colourGradient(LabImage lab, int x, int y) {
        double sum = 0;
        for (float[] plane : new float[][] {lab.l(), lab.a(), lab.b()}) {
            double gx = (at(lab, plane, x + 1, y - 1) + 2 * at(lab, plane, x + 1, y) + at(lab, plane, x + 1, y + 1)
                    - at(lab, plane, x - 1, y - 1) - 2 * at(lab, plane, x - 1, y) - at(lab, plane, x - 1, y + 1)) / 8;
            double gy = (at(lab, plane, x - 1, y + 1) + 2 * at(lab, plane, x, y + 1) + at(lab, plane, x + 1, y + 1)
                    - at(lab, plane, x - 1, y - 1) - 2 * at(lab, plane, x, y - 1) - at(lab, plane, x + 1, y - 1)) / 8;
            sum += gx * gx + gy * gy;
        }
        return Math.sqrt(sum);
    }

    /** Edge pixels repeat at the image border. */
    private static float at(LabImage lab, float[] plane, int x, int y) {
        int cx = Math.max(0, Math.min(lab.width() - 1, x));
        int cy = Math.max(0, Math.min(lab.height() - 1, y));
        return plane[cy * lab.width() + cx];
    }

    /** Median of the values (reorders them). */
    private static double median(float[] values) {
        return Quantiles.inPlace(values, 0, values.length, 0.5);
    }
}
