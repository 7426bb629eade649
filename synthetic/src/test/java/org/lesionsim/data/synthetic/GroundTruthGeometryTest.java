package org.lesionsim.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lesionsim.imaging.mask.BinaryMask;

/** The mask geometry both the ground truth and the image check rely on ({@link GroundTruthGeometry}), against shapes with known answers. */
class GroundTruthGeometryTest {

    private static BinaryMask shape(int width, int height, java.util.function.BiPredicate<Double, Double> inside) {
        boolean[] m = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                m[y * width + x] = inside.test(x + 0.5, y + 0.5);
            }
        }
        return new BinaryMask(width, height, m);
    }

    @Test
    void discAndEllipseAreSymmetricAndMeasureTheirLongAxis() {
        BinaryMask disc = shape(120, 120, (x, y) -> Math.hypot(x - 60, y - 60) < 40);
        assertThat(GroundTruthGeometry.diameterPx(disc)).isCloseTo(80, within(1.5));
        assertThat(disc.area()).isCloseTo((int) Math.round(Math.PI * 40 * 40), within(60));
        assertThat(GroundTruthGeometry.asymmetry(disc)).isLessThan(0.01);
        // a tilted ellipse: asymmetry is about its own axes, not the image's
        BinaryMask ellipse = shape(160, 160, (x, y) -> {
            double u = ((x - 80) + (y - 80)) / Math.sqrt(2);
            double v = (-(x - 80) + (y - 80)) / Math.sqrt(2);
            return u * u / (60.0 * 60) + v * v / (25.0 * 25) < 1;
        });
        assertThat(GroundTruthGeometry.diameterPx(ellipse)).isCloseTo(120, within(1.5));
        assertThat(GroundTruthGeometry.asymmetry(ellipse)).isLessThan(0.02);
    }

    @Test
    void aLopsidedShapeIsAsymmetric() {
        // a disc with a bump on one side: folding about either axis leaves the bump unmatched
        BinaryMask lopsided = shape(160, 160, (x, y) -> Math.hypot(x - 70, y - 80) < 40 || Math.hypot(x - 105, y - 105) < 18);
        assertThat(GroundTruthGeometry.asymmetry(lopsided)).isGreaterThan(0.05);
    }

    @Test
    void openingDropsAHairButKeepsTheLesion() {
        BinaryMask withHair = shape(120, 120, (x, y) -> Math.hypot(x - 60, y - 60) < 30 || (Math.abs(y - 60) < 1 && x < 119));
        assertThat(GroundTruthGeometry.diameterPx(withHair)).isGreaterThan(100);
        BinaryMask cleaned = withHair.open(1, GroundTruthGeometry.CLEANING).largestInteriorComponent(GroundTruthGeometry.COMPONENTS);
        assertThat(GroundTruthGeometry.diameterPx(cleaned)).isCloseTo(60, within(2.0));
    }

    @Test
    void componentsTouchingTheBorderAreNotTheLesionAndHolesAreFilled() {
        BinaryMask ringAndCorner = shape(100, 100, (x, y) -> {
            double r = Math.hypot(x - 50, y - 50);
            return (r < 20 && r > 8) || (x < 10 && y < 10);
        });
        BinaryMask lesion = ringAndCorner.largestInteriorComponent(GroundTruthGeometry.COMPONENTS).fillHoles();
        assertThat(lesion.contains(50, 50)).isTrue();
        assertThat(lesion.contains(2, 2)).isFalse();
        assertThat(lesion.area()).isCloseTo((int) Math.round(Math.PI * 20 * 20), within(60));
    }
}
