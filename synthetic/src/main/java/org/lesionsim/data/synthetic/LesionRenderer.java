package org.lesionsim.data.synthetic;

import org.lesionsim.imaging.DermoscopicColour;
import org.lesionsim.imaging.mask.BinaryMask;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Paints one synthetic dermoscopy image of a lesion at progression t.
 *
 * <p>The lesion (outline, colours and their layout, pigment network, skin tone) is a function of
 * the lesion seed and t; the view (zoom, rotation, position, hairs, skin texture, field of view) of
 * the view index, so several images of one lesion differ the way HAM10000's repeated images do.
 * First the colour regions are laid out and their edges softened by a few pixels; then per
 * pixel: skin, the lesion's pigment blended in over a soft edge, hairs, the dermatoscope's field.
 * The ground truth is measured on the mask the lesion was painted from.
 */
public final class LesionRenderer {
    /** Widest soft edge of a lesion (at t = 0) as a fraction of the image width; the mask is its midline. */
    static final double EDGE_BAND = 0.03;
    /** A colour painted on at least this share of the lesion counts as present. */
    static final double PRESENT_SHARE = 0.05;
    /** Zoom range of repeated views; the lesion is sized so the largest zoom still fits. */
    private static final double MAX_ZOOM = 1.08;
    private static final double MAX_SHIFT = 0.03;

    private LesionRenderer() {
    }

    public static SyntheticLesion render(long seed, double t, int width, int height) {
        return render(seed, t, width, height, 0);
    }

    /**
     * @param seed the lesion: same seed and t, same lesion
     * @param t    progression in [0, 1]: 0 a small round one-colour nevus, 1 a large, asymmetric,
     *             ragged, many-coloured melanoma
     * @param view 0 for the lesion's first image; 1, 2, ... for further images of the same lesion
     */
    public static SyntheticLesion render(long seed, double t, int width, int height, int view) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must be in [0, 1], was " + t);
        }
        if (width < 32 || height < 32) {
            throw new IllegalArgumentException("image too small: " + width + "x" + height);
        }
        SplittableRandom lesion = new SplittableRandom(seed);
        // largest radius (image widths) that keeps every view of the lesion off the image border
        // and inside the flat part of the field
        double fit = (0.5 * Math.min(width, height) / width - 0.05 - MAX_SHIFT) / MAX_ZOOM;
        LesionShape shape = LesionShape.sample(lesion.split(), t, fit);
        PigmentLayout layout = PigmentLayout.sample(lesion.split(), t, shape);
        double rotation = lesion.nextDouble(0, 2 * Math.PI);
        long textureSeed = lesion.nextLong();
        SplittableRandom patient = lesion.split();

        SplittableRandom viewRandom = new SplittableRandom(ValueNoise.mix(seed + 0x9E3779B97F4A7C15L * (view + 1L)));
        double zoom = view == 0 ? 1 : viewRandom.nextDouble(0.92, MAX_ZOOM);
        double turn = rotation + (view == 0 ? 0 : viewRandom.nextDouble(-0.5, 0.5));
        double cx = width / 2.0 + viewRandom.nextDouble(-MAX_SHIFT, MAX_SHIFT) * width;
        double cy = height / 2.0 + viewRandom.nextDouble(-MAX_SHIFT, MAX_SHIFT) * width;
        SkinBackground skin = SkinBackground.sample(patient, viewRandom.nextLong());
        Hairs hairs = Hairs.sample(viewRandom.split(), width, height);
        DermatoscopeField field = new DermatoscopeField(width, height, viewRandom.nextDouble(-0.02, 0.02) * width,
                viewRandom.nextDouble(-0.02, 0.02) * width, viewRandom.nextDouble(0.97, 1.03));

        LesionPaint paint = new LesionPaint(layout, shape, textureSeed, t);
        double scale = width * zoom; // pixels per lesion-local unit
        // a benign lesion fades into the skin; a malignant one tends to end abruptly
        double band = EDGE_BAND * (1 - 0.5 * t) * width;
        double cos = Math.cos(turn);
        double sin = Math.sin(turn);
        double reach = shape.maxRadius() * scale + band;
        // the lesion's bounding box, where pigment is painted
        int x0 = Math.max(0, (int) Math.floor(cx - reach));
        int x1 = Math.min(width, (int) Math.ceil(cx + reach));
        int y0 = Math.max(0, (int) Math.floor(cy - reach));
        int y1 = Math.min(height, (int) Math.ceil(cy + reach));
        int bw = x1 - x0;
        int bh = y1 - y0;

        // pass 1: which colour region each pixel belongs to, its signed distance to the outline, the mask
        boolean[] inside = new boolean[width * height];
        int[] painted = new int[layout.size()];
        float[][] membership = new float[layout.size()][bw * bh];
        float[] signedDistance = new float[bw * bh];
        float[] localU = new float[bw * bh];
        float[] localV = new float[bw * bh];
        int lightBrown = layout.colours().indexOf(DermoscopicColour.LIGHT_BROWN);
        double[] scratch = new double[layout.size()];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int b = (y - y0) * bw + (x - x0);
                double px = x + 0.5 - cx;
                double py = y + 0.5 - cy;
                double u = (px * cos + py * sin) / scale;
                double v = (-px * sin + py * cos) / scale;
                double signed = (shape.radiusAt(Math.atan2(v, u)) - Math.sqrt(u * u + v * v)) * scale; // pixels, > 0 inside
                signedDistance[b] = (float) signed;
                localU[b] = (float) u;
                localV[b] = (float) v;
                if (signed > -band / 2) {
                    int region = layout.regionAt(u, v, scratch);
                    membership[region][b] = 1;
                    if (signed > 0) {
                        inside[y * width + x] = true;
                        painted[region]++;
                    }
                } else {
                    // outside: neutral light brown, so blurring does not darken the rim
                    membership[Math.max(0, lightBrown)][b] = 1;
                }
            }
        }
        // regions meet over a few pixels, the same width everywhere
        int blur = Math.max(1, (int) Math.round(0.003 * width));
        for (float[] m : membership) {
            BoxBlur.blur(m, bw, bh, blur);
            BoxBlur.blur(m, bw, bh, blur);
        }

        // pass 2: skin, pigment over it, hairs, the dermatoscope's field
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double[] skinRgb = new double[3];
        double[] lesionRgb = new double[3];
        double[] share = new double[layout.size()];
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                skin.colourAt(x, y, width, skinRgb);
                if (x >= x0 && x < x1 && y >= y0 && y < y1) {
                    int b = (y - y0) * bw + (x - x0);
                    double signed = signedDistance[b];
                    double alpha = RenderMath.smoothstep(-band / 2, band / 2, signed);
                    if (alpha > 0) {
                        for (int k = 0; k < share.length; k++) {
                            share[k] = membership[k][b];
                        }
                        paint.colourAt(localU[b], localV[b], share, x, y, lesionRgb);
                        // pigment thins out towards the edge whatever the colour inside, so the
                        // half-way contour between skin and light brown is the mask's outline
                        double rim = 1 - RenderMath.smoothstep(0, band / 2, signed);
                        lesionRgb[0] += (DermoscopicColour.LIGHT_BROWN.red() - lesionRgb[0]) * rim;
                        lesionRgb[1] += (DermoscopicColour.LIGHT_BROWN.green() - lesionRgb[1]) * rim;
                        lesionRgb[2] += (DermoscopicColour.LIGHT_BROWN.blue() - lesionRgb[2]) * rim;
                        // pigment lies in the skin, so a little of the skin's tint shows through light
                        // pigment (dense black pigment hides it)
                        double tint = 0.1 * (lesionRgb[0] + lesionRgb[1] + lesionRgb[2]) / (3 * 255);
                        for (int c = 0; c < 3; c++) {
                            double pigment = (1 - tint) * lesionRgb[c] + tint * skinRgb[c];
                            skinRgb[c] = skinRgb[c] * (1 - alpha) + pigment * alpha;
                        }
                    }
                }
                hairs.over(i, skinRgb);
                double light = field.transmission(x, y);
                pixels[i] = pack(skinRgb[0] * light + 4 * (1 - light), skinRgb[1] * light + 3 * (1 - light), skinRgb[2] * light + 3 * (1 - light));
            }
        }
        image.setRGB(0, 0, width, height, pixels, 0, width);

        BinaryMask mask = new BinaryMask(width, height, inside);
        int area = mask.area();
        List<DermoscopicColour> present = new ArrayList<>();
        for (int k = 0; k < layout.size(); k++) {
            if (painted[k] >= PRESENT_SHARE * area) {
                present.add(layout.colours().get(k));
            }
        }
        LesionGroundTruth truth = new LesionGroundTruth(t, GroundTruthGeometry.diameterPx(mask), area, GroundTruthGeometry.asymmetry(mask),
                shape.borderIrregularity(), present, skin.baseRgb());
        return new SyntheticLesion(image, mask, truth);
    }

    private static int pack(double r, double g, double b) {
        return (channel(r) << 16) | (channel(g) << 8) | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
