package org.lesionsim.metrics.abcd;

import static org.lesionsim.imaging.mask.MaskGeometry.Feret.PIXEL_CORNERS;

import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.OptionalDouble;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.imaging.mask.MaskGeometry;
import org.lesionsim.imaging.mask.PrincipalAxes;
import org.lesionsim.metrics.PlanarImage;

/**
 * Scores a dermoscopy image or a generated frame by the ABCD rule: segments the lesion
 * ({@link LesionSegmentation}) and, if the segmentation is trustworthy, measures
 * {@link AbcdFeatures} on it. In: an RGB image of any size (64×64 frames to 600×450 photos) and,
 * if known, its scale in pixels per mm. Out: {@link AbcdResult.Scored} or
 * {@link AbcdResult.NoLesion} with the reason. Stateless and thread-safe.
 */
public final class DermoscopicScorer {
    private DermoscopicScorer() {
    }

    public static AbcdResult score(BufferedImage image, Optional<Double> pxPerMm) {
        return score(PlanarImage.fromBufferedImage(image), pxPerMm);
    }

    /** @param rgb three planes in [0, 1] (generator output converts with {@link PlanarImage#fromMinusOneToOne}) */
    public static AbcdResult score(PlanarImage rgb, Optional<Double> pxPerMm) {
        pxPerMm.ifPresent(DermoscopicScorer::requirePositive);
        LesionSegmentation.Result segmentation = LesionSegmentation.segment(rgb);
        if (!segmentation.trustworthy()) {
            return new AbcdResult.NoLesion(segmentation.reason());
        }
        return new AbcdResult.Scored(measure(segmentation.mask(), segmentation.lab(), segmentation.skinLab(), pxPerMm), segmentation);
    }

    /**
     * The features of a given lesion mask on a CIELAB image: for scoring a segmentation, or a
     * known mask (e.g. a synthetic lesion's painted mask) to tell measuring errors from segmenting errors.
     */
    public static AbcdFeatures measure(BinaryMask lesion, LabImage lab, double[] skinLab, Optional<Double> pxPerMm) {
        if (lesion.isEmpty()) {
            throw new IllegalArgumentException("cannot measure an empty lesion mask");
        }
        PrincipalAxes axes = PrincipalAxes.of(lesion);
        double major = MaskGeometry.mirrorAsymmetry(lesion, axes, axes.majorAngle());
        double minor = MaskGeometry.mirrorAsymmetry(lesion, axes, axes.minorAngle());
        int asymmetricAxes = (major >= AbcdFeatures.ASYMMETRIC_INDEX ? 1 : 0) + (minor >= AbcdFeatures.ASYMMETRIC_INDEX ? 1 : 0);
        AbcdFeatures.Asymmetry asymmetry = new AbcdFeatures.Asymmetry(asymmetricAxes, major, minor, axes.majorAngle());

        double feret = MaskGeometry.maxFeretDiameter(lesion, PIXEL_CORNERS);
        BorderSharpness.Result sharpness = BorderSharpness.measure(lab, lesion, axes, skinLab, feret);
        AbcdFeatures.Border border = new AbcdFeatures.Border(sharpness.abruptSectors(), MaskGeometry.compactness(lesion),
                MaskGeometry.perimeter(lesion), sharpness.edgeWidthsPx());

        ColourPresence.Result colours = ColourPresence.measure(lab, lesion, skinLab);

        double scale = pxPerMm.orElse(Math.min(lab.width(), lab.height()) / AbcdFeatures.ASSUMED_FIELD_MM);
        AbcdFeatures.Diameter diameter = new AbcdFeatures.Diameter(feret, MaskGeometry.equivalentDiameter(lesion),
                pxPerMm.isPresent() ? OptionalDouble.of(feret / scale) : OptionalDouble.empty(), scale, pxPerMm.isEmpty(),
                AbcdFeatures.diameterScore(feret / scale));
        return new AbcdFeatures(asymmetry, border, new AbcdFeatures.Colours(colours.present(), colours.fractions()), diameter);
    }

    private static void requirePositive(double pxPerMm) {
        if (!(pxPerMm > 0) || Double.isInfinite(pxPerMm)) {
            throw new IllegalArgumentException("scale must be a positive number of pixels per mm, was " + pxPerMm);
        }
    }
}
