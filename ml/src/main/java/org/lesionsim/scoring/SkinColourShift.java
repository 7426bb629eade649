package org.lesionsim.scoring;

import java.util.Arrays;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.abcd.CieLab;
import org.lesionsim.metrics.abcd.FieldOfView;
import org.lesionsim.metrics.abcd.LabImage;
import org.lesionsim.metrics.abcd.LesionSegmentation;
import org.lesionsim.metrics.abcd.Quantiles;

/**
 * How far an edit moved the colour of the skin around the lesion. In: frame 0 (the unedited image),
 * then any frame of the same size. The <b>skin region</b> is fixed on frame 0: the dermatoscope's field
 * of view minus the lesion {@link LesionSegmentation} finds there (the whole field when it finds no
 * trustworthy lesion). Every frame is read in CIELAB with frame 0's flat-field correction
 * ({@link LabImage}), so a vignette or tint the edit adds is not divided out again. Out: ΔE*ab (CIE76,
 * {@link CieLab#deltaE}) between the per-channel medians of L*, a*, b* over the skin region in frame 0 and
 * in the frame.
 *
 * <p>Medians, not a per-pixel mean ΔE: the question is whether the skin <i>tone</i> drifted (the
 * generator's purple or grey cast), not whether its texture (hairs, pores) was re-rendered, and a
 * lesion that grows into part of the skin region moves the median only once it covers half of it.
 */
public final class SkinColourShift {
    private final int width;
    private final int height;
    private final FieldOfView field;
    private final BinaryMask skin;
    private final double[] reference;

    private SkinColourShift(PlanarImage frame0) {
        this.width = frame0.width();
        this.height = frame0.height();
        this.field = FieldOfView.estimate(frame0);
        LesionSegmentation.Result lesion = LesionSegmentation.segment(frame0);
        BinaryMask region = lesion.trustworthy() ? lesion.field().andNot(lesion.mask()) : lesion.field();
        if (region.isEmpty()) {
            boolean[] all = new boolean[width * height];
            Arrays.fill(all, true);
            region = new BinaryMask(width, height, all); // no field found: the whole image is all there is to compare
        }
        this.skin = region;
        this.reference = medianLab(frame0);
    }

    /** The skin region and its colour, fixed on frame 0. */
    public static SkinColourShift of(PlanarImage frame0) {
        return new SkinColourShift(frame0);
    }

    /** ΔE*ab of the skin's median colour in {@code frame} to that in frame 0 (0 for frame 0 itself). */
    public double deltaE(PlanarImage frame) {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + ", frame 0 is " + width + "x" + height);
        }
        double[] lab = medianLab(frame);
        return CieLab.deltaE(lab[0], lab[1], lab[2], reference[0], reference[1], reference[2]);
    }

    /** Pixels counted as skin (frame 0's field minus its lesion). */
    public BinaryMask skin() {
        return skin;
    }

    private double[] medianLab(PlanarImage frame) {
        LabImage lab = LabImage.of(frame, field);
        return new double[] {Quantiles.median(lab.l(), skin), Quantiles.median(lab.a(), skin), Quantiles.median(lab.b(), skin)};
    }
}
