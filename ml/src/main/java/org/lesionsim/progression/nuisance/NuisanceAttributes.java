package org.lesionsim.progression.nuisance;

import java.awt.image.BufferedImage;
import java.util.List;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.metrics.abcd.CieLab;
import org.lesionsim.metrics.abcd.LesionSegmentation;

/**
 * What in a rendered dermoscopy image is not the lesion but moves when a walk goes astray, measured in
 * raw CIELAB (no flat-field correction: the vignette is one of the things measured):
 * <ul>
 *   <li>{@code brightness}: mean L* of the whole image;</li>
 *   <li>{@code skin_a}, {@code skin_b}: mean a*, b* of the skin, i.e. the pixels outside the lesion
 *       that {@link LesionSegmentation} finds (all pixels when it finds none); the purple/blue drift of
 *       issue 13 is a fall in b* and a rise in a*;</li>
 *   <li>{@code skin_l}: mean L* of the skin;</li>
 *   <li>{@code vignette}: mean L* of the centre disc (radius ¼ of the side) minus the mean L* of
 *       the border ring (outside radius ½·0.9 of the side, corners included): the dermatoscope's dark
 *       rim grows it;</li>
 *   <li>{@code hair}: share of skin pixels darker by more than {@value #HAIR_CONTRAST} L* than
 *       their 5×5 grey closing (a black top-hat): thin dark lines such as hairs. Crude at 64×64, where
 *       a hair is one pixel wide and faint; it also counts dots at the lesion rim.</li>
 * </ul>
 * In: an RGB image. Out: the attributes in the order of {@link #NAMES}.
 */
public final class NuisanceAttributes {
    public static final List<String> NAMES = List.of("brightness", "skin_l", "skin_a", "skin_b", "vignette", "hair");
    static final double HAIR_CONTRAST = 8;

    private NuisanceAttributes() {
    }

    /** The attributes and whether the segmentation found a trustworthy lesion. */
    public record Measurement(double[] values, boolean lesionFound) {
    }

    /** The attributes in the order of {@link #NAMES}; see the class comment. */
    public static double[] measure(BufferedImage image) {
        return measureFrame(image).values();
    }

    public static Measurement measureFrame(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] l = new float[w * h];
        float[] a = new float[w * h];
        float[] b = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                double[] lab = CieLab.fromSrgb8((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
                l[y * w + x] = (float) lab[0];
                a[y * w + x] = (float) lab[1];
                b[y * w + x] = (float) lab[2];
            }
        }
        LesionSegmentation.Result segmentation = LesionSegmentation.segment(image);
        BinaryMask lesion = segmentation.mask();
        boolean anyLesion = !lesion.isEmpty();
        double sumL = 0;
        double skinL = 0;
        double skinA = 0;
        double skinB = 0;
        int skin = 0;
        double centre = 0;
        int centreN = 0;
        double ring = 0;
        int ringN = 0;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double side = Math.min(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                sumL += l[i];
                if (!anyLesion || !lesion.get(i)) {
                    skinL += l[i];
                    skinA += a[i];
                    skinB += b[i];
                    skin++;
                }
                double r = Math.hypot(x - cx, y - cy);
                if (r <= side / 4) {
                    centre += l[i];
                    centreN++;
                } else if (r >= 0.45 * side) {
                    ring += l[i];
                    ringN++;
                }
            }
        }
        skin = Math.max(skin, 1);
        double hair = hairShare(l, w, h, anyLesion ? lesion : null);
        return new Measurement(new double[] {sumL / (w * h), skinL / skin, skinA / skin, skinB / skin,
                centre / Math.max(centreN, 1) - ring / Math.max(ringN, 1), hair}, segmentation.trustworthy() && anyLesion);
    }

    /** Share of skin pixels in a dark thin structure: L* below its 5×5 closing by more than {@value #HAIR_CONTRAST}. */
    static double hairShare(float[] l, int w, int h, BinaryMask lesion) {
        float[] dilated = filter(l, w, h, true);
        float[] closed = filter(dilated, w, h, false);
        int hits = 0;
        int skin = 0;
        for (int i = 0; i < l.length; i++) {
            if (lesion != null && lesion.get(i)) {
                continue;
            }
            skin++;
            if (closed[i] - l[i] > HAIR_CONTRAST) {
                hits++;
            }
        }
        return skin == 0 ? 0 : hits / (double) skin;
    }

    private static float[] filter(float[] v, int w, int h, boolean max) {
        float[] out = new float[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float best = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
                for (int dy = -2; dy <= 2; dy++) {
                    int yy = Math.min(h - 1, Math.max(0, y + dy));
                    for (int dx = -2; dx <= 2; dx++) {
                        int xx = Math.min(w - 1, Math.max(0, x + dx));
                        float s = v[yy * w + xx];
                        best = max ? Math.max(best, s) : Math.min(best, s);
                    }
                }
                out[y * w + x] = best;
            }
        }
        return out;
    }
}
