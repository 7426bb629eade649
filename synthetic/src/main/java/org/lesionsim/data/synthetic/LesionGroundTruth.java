package org.lesionsim.data.synthetic;

import org.lesionsim.imaging.DermoscopicColour;

import java.util.List;

/**
 * What a synthetic image truly shows, recorded at render time.
 *
 * @param progressionT       position on the benign (0) to malignant (1) axis that drove every feature
 * @param diameterPx         greatest diameter of the lesion mask in pixels ({@link GroundTruthGeometry#diameterPx})
 * @param areaPx             lesion mask area in pixels
 * @param asymmetry          fold asymmetry of the mask ({@link GroundTruthGeometry#asymmetry}), 0 = symmetric
 * @param borderIrregularity outline perimeter over its convex hull's perimeter, minus 1; 0 = convex
 * @param colours            the dermoscopic colours covering a real share of the lesion, in enum order
 * @param skinRgb            the patient's base skin tone (0xRRGGBB) the lesion sits on
 */
public record LesionGroundTruth(double progressionT, double diameterPx, int areaPx, double asymmetry,
                                double borderIrregularity, List<DermoscopicColour> colours, int skinRgb) {

    /** t at and above which a lesion is labelled melanoma. */
    public static final double MELANOMA_FROM_T = 0.5;

    public LesionGroundTruth {
        colours = List.copyOf(colours);
    }

    public int colourCount() {
        return colours.size();
    }

    /** HAM10000's diagnosis code that this t stands for: {@code mel} or {@code nv}. */
    public String dx() {
        return progressionT >= MELANOMA_FROM_T ? "mel" : "nv";
    }
}
