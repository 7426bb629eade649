package org.lesionsim.data.synthetic;

import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.imaging.mask.Connectivity;
import org.lesionsim.imaging.mask.MaskGeometry;
import org.lesionsim.imaging.mask.StructuringElement;

/**
 * How the synthetic ground truth measures a lesion mask. The renderer records it on the painted
 * mask and {@link GroundTruthCheck} measures the image back with it, so "agrees" means one
 * definition applied to two masks. The options are the generator's since its first datasets (the
 * ABCD scorer picks disc, eight-connected and pixel corners); changing one moves recorded ground truth.
 */
public final class GroundTruthGeometry {
    /** Hairs, network lines and blend seams are removed by opening with a square. */
    public static final StructuringElement CLEANING = StructuringElement.SQUARE;
    /** The lesion is the largest four-connected component off the image border. */
    public static final Connectivity COMPONENTS = Connectivity.FOUR;
    /** Greatest diameter between boundary pixel centres, plus one pixel. */
    public static final MaskGeometry.Feret DIAMETER_ENDS = MaskGeometry.Feret.PIXEL_CENTRES_PLUS_ONE;

    private GroundTruthGeometry() {
    }

    /** Greatest diameter in pixels ({@link LesionGroundTruth#diameterPx()}). */
    public static double diameterPx(BinaryMask mask) {
        return MaskGeometry.maxFeretDiameter(mask, DIAMETER_ENDS);
    }

    /** Fold asymmetry about both principal axes ({@link LesionGroundTruth#asymmetry()}), 0 = symmetric. */
    public static double asymmetry(BinaryMask mask) {
        return MaskGeometry.foldAsymmetry(mask);
    }
}
