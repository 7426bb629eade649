package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lesionsim.imaging.mask.MaskGeometry.Feret.PIXEL_CORNERS;

import org.junit.jupiter.api.Test;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.imaging.mask.MaskGeometry;
import org.lesionsim.imaging.mask.PrincipalAxes;

/** Shape measures on drawn masks whose true values are known in closed form. */
class MaskGeometryTest {
    private static final int N = 128;

    @Test
    void discMeasuresAsADisc() {
        BinaryMask disc = DrawnLesions.mask(N, N, DrawnLesions.disc(64, 64, 30));
        assertThat(MaskGeometry.perimeter(disc)).isCloseTo(2 * Math.PI * 30, within(0.03 * 2 * Math.PI * 30));
        assertThat(MaskGeometry.compactness(disc)).isCloseTo(1.0, within(0.05));
        assertThat(MaskGeometry.maxFeretDiameter(disc, PIXEL_CORNERS)).isCloseTo(60.0, within(1.5));
        assertThat(MaskGeometry.equivalentDiameter(disc)).isCloseTo(60.0, within(0.5));
    }

    @Test
    void feretDiameterOfARectangleIsItsDiagonal() {
        BinaryMask rectangle = DrawnLesions.mask(N, N, (x, y) -> x >= 10 && x < 70 && y >= 20 && y < 100);
        assertThat(MaskGeometry.maxFeretDiameter(rectangle, PIXEL_CORNERS)).isCloseTo(Math.hypot(60, 80), within(1e-9));
    }

    @Test
    void ellipseIsSymmetricAboutBothPrincipalAxesWhateverItsElongation() {
        BinaryMask ellipse = DrawnLesions.mask(N, N, DrawnLesions.ellipse(64, 64, 45, 20));
        PrincipalAxes axes = PrincipalAxes.of(ellipse);
        assertThat(Math.abs(Math.sin(axes.majorAngle()))).as("major axis along x").isLessThan(0.01);
        assertThat(MaskGeometry.mirrorAsymmetry(ellipse, axes, axes.majorAngle())).isLessThan(0.03);
        assertThat(MaskGeometry.mirrorAsymmetry(ellipse, axes, axes.minorAngle())).isLessThan(0.03);
        assertThat(MaskGeometry.compactness(ellipse)).as("elongation alone raises compactness").isGreaterThan(1.15);
    }

    @Test
    void lopsidedShapeIsAsymmetricAcrossTheAxisThatSplitsItsBump() {
        // a disc with a bump on its right: symmetric top-to-bottom, not left-to-right
        BinaryMask lopsided = DrawnLesions.mask(N, N, (x, y) -> DrawnLesions.disc(60, 64, 30).test(x, y)
                || DrawnLesions.disc(88, 64, 16).test(x, y));
        PrincipalAxes axes = PrincipalAxes.of(lopsided);
        double aboutMajor = MaskGeometry.mirrorAsymmetry(lopsided, axes, axes.majorAngle());
        double aboutMinor = MaskGeometry.mirrorAsymmetry(lopsided, axes, axes.minorAngle());
        assertThat(aboutMajor).isLessThan(0.03);
        assertThat(aboutMinor).isGreaterThan(AbcdFeatures.ASYMMETRIC_INDEX);
    }

    @Test
    void mirrorIndexIsTheAreaOfTheSymmetricDifferenceOverTheArea() {
        // an L of two 20x20 squares side by side and one below the left: folding about the vertical
        // axis through the centroid is easy to count by hand at integer-aligned positions
        BinaryMask shape = DrawnLesions.mask(N, N, (x, y) -> (y >= 40 && y < 60 && x >= 40 && x < 80) || (y >= 60 && y < 80 && x >= 40 && x < 60));
        PrincipalAxes centred = new PrincipalAxes(60, 60, Math.PI / 2, 0, 0);
        // mirrored about x = 60 the lower square lands on x in [60, 80): 400 px unmatched each way
        assertThat(MaskGeometry.mirrorAsymmetry(shape, centred, Math.PI / 2)).isCloseTo(800.0 / 1200, within(1e-9));
    }
}
