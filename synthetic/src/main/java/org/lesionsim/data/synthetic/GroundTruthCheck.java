package org.lesionsim.data.synthetic;

import org.lesionsim.imaging.DermoscopicColour;
import org.lesionsim.imaging.mask.BinaryMask;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a lesion back from the pixels of an image, independently of how it was painted, so the
 * recorded ground truth can be checked against what the image really shows:
 * <ol>
 *   <li>segment: pixels farther from the known skin tone than half the skin-to-light-brown distance;
 *   <li>clean: a morphological opening removes hairs, the largest component not touching the image
 *       border is the lesion (the dark corners of the field touch it), holes are filled;
 *   <li>greatest diameter and fold asymmetry of that mask, as the renderer measures them ({@link GroundTruthGeometry});
 *   <li>colours: inside the mask, away from the blended rim, each pixel takes its nearest reference
 *       colour; a colour is present when, after an opening that drops thin lines (hairs, network,
 *       blend seams), it covers at least {@link #PRESENT_FRACTION} of the lesion.
 * </ol>
 */
public final class GroundTruthCheck {
    public static final double PRESENT_FRACTION = 0.05;

    private GroundTruthCheck() {
    }

    /** What was measured. {@code colourFractions} holds every reference colour's share of the lesion. */
    public record Measurement(BinaryMask mask, double diameterPx, double asymmetry, List<DermoscopicColour> colours,
                              Map<DermoscopicColour, Double> colourFractions) {
        public int colourCount() {
            return colours.size();
        }
    }

    /**
     * @param skinRgb the skin tone the lesion sits on, 0xRRGGBB ({@link LesionGroundTruth#skinRgb()},
     *                column {@code gt_skin_rgb})
     */
    public static Measurement measure(BufferedImage image, int skinRgb) {
        int width = image.getWidth();
        int height = image.getHeight();
        int sr = (skinRgb >> 16) & 0xFF;
        int sg = (skinRgb >> 8) & 0xFF;
        int sb = skinRgb & 0xFF;
        double threshold = 0.5 * Math.sqrt(DermoscopicColour.LIGHT_BROWN.distanceSquared(sr, sg, sb));
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        boolean[] differs = new boolean[width * height];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            double dr = ((p >> 16) & 0xFF) - sr;
            double dg = ((p >> 8) & 0xFF) - sg;
            double db = (p & 0xFF) - sb;
            differs[i] = dr * dr + dg * dg + db * db > threshold * threshold;
        }
        int hair = Math.max(1, (int) Math.round(0.005 * width));
        BinaryMask mask = new BinaryMask(width, height, differs).open(hair, GroundTruthGeometry.CLEANING)
                .largestInteriorComponent(GroundTruthGeometry.COMPONENTS).fillHoles();

        int rim = (int) Math.ceil(LesionRenderer.EDGE_BAND * width / 2) + 1;
        BinaryMask core = mask.erode(rim, GroundTruthGeometry.CLEANING);
        int coreArea = core.area();
        int seam = Math.max(1, (int) Math.round(0.006 * width));
        DermoscopicColour[] all = DermoscopicColour.values();
        boolean[][] nearest = new boolean[all.length][width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (core.contains(x, y)) {
                    int p = pixels[y * width + x];
                    nearest[DermoscopicColour.nearest((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF).ordinal()][y * width + x] = true;
                }
            }
        }
        Map<DermoscopicColour, Double> fractions = new EnumMap<>(DermoscopicColour.class);
        List<DermoscopicColour> present = new ArrayList<>();
        for (DermoscopicColour c : all) {
            int n = new BinaryMask(width, height, nearest[c.ordinal()]).open(seam, GroundTruthGeometry.CLEANING).area();
            double fraction = coreArea == 0 ? 0 : (double) n / coreArea;
            fractions.put(c, fraction);
            if (fraction >= PRESENT_FRACTION) {
                present.add(c);
            }
        }
        return new Measurement(mask, GroundTruthGeometry.diameterPx(mask), GroundTruthGeometry.asymmetry(mask), present, fractions);
    }
}
