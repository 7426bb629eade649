package org.lesionsim.imaging.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Each named option of the one mask measures what its name says, so a caller's choice is visible in its figures. */
class MaskOptionsTest {
    private static BinaryMask mask(int width, int height, BiPredicate<Integer, Integer> inside) {
        boolean[] bits = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                bits[y * width + x] = inside.test(x, y);
            }
        }
        return new BinaryMask(width, height, bits);
    }

    @Test
    void aSquareReachesTheDiagonalNeighboursADiscDoesNot() {
        BinaryMask point = mask(21, 21, (x, y) -> x == 10 && y == 10);
        assertThat(point.dilate(3, StructuringElement.SQUARE).area()).isEqualTo(49);
        assertThat(point.dilate(3, StructuringElement.DISC).contains(13, 13)).isFalse();
        assertThat(point.dilate(3, StructuringElement.DISC).contains(13, 10)).isTrue();
        assertThat(point.dilate(3, StructuringElement.SQUARE).erode(3, StructuringElement.SQUARE).area()).isEqualTo(1);
    }

    @Test
    void cornerNeighboursJoinOnlyEightConnectedComponents() {
        BinaryMask diagonal = mask(10, 10, (x, y) -> x == y && x >= 2 && x <= 6);
        assertThat(diagonal.components(Connectivity.FOUR)).hasSize(5);
        assertThat(diagonal.components(Connectivity.EIGHT)).hasSize(1);
        assertThat(diagonal.largestInteriorComponent(Connectivity.EIGHT).area()).isEqualTo(5);
        assertThat(diagonal.largestInteriorComponent(Connectivity.FOUR).area()).isEqualTo(1);
    }

    @Test
    void theLargestInteriorComponentIgnoresOnesTouchingTheBorder() {
        BinaryMask blobs = mask(30, 30, (x, y) -> (x < 12 && y < 12) || (x >= 15 && x < 20 && y >= 15 && y < 20));
        assertThat(blobs.largestInteriorComponent(Connectivity.FOUR).area()).isEqualTo(25);
        assertThat(blobs.largestInteriorComponent(Connectivity.FOUR).contains(15, 15)).isTrue();
    }

    @Test
    void feretEndsDifferByAPixelAcrossTheDiagonal() {
        BinaryMask rectangle = mask(100, 100, (x, y) -> x >= 10 && x < 70 && y >= 10 && y < 90);
        assertThat(MaskGeometry.maxFeretDiameter(rectangle, MaskGeometry.Feret.PIXEL_CORNERS)).isCloseTo(100, within(1e-9));
        assertThat(MaskGeometry.maxFeretDiameter(rectangle, MaskGeometry.Feret.PIXEL_CENTRES_PLUS_ONE))
                .isCloseTo(Math.hypot(59, 79) + 1, within(1e-9));
        BinaryMask pixel = mask(5, 5, (x, y) -> x == 2 && y == 2);
        assertThat(MaskGeometry.maxFeretDiameter(pixel, MaskGeometry.Feret.PIXEL_CENTRES_PLUS_ONE)).isEqualTo(1);
        assertThat(MaskGeometry.maxFeretDiameter(pixel, MaskGeometry.Feret.PIXEL_CORNERS)).isCloseTo(Math.sqrt(2), within(1e-12));
    }

    @Test
    void foldAsymmetryIsAQuarterOfTheMeanMirrorAsymmetry() {
        BinaryMask lopsided = mask(100, 100, (x, y) -> Math.hypot(x - 45, y - 50) < 25 || Math.hypot(x - 68, y - 50) < 12);
        PrincipalAxes axes = PrincipalAxes.of(lopsided);
        double mirror = MaskGeometry.mirrorAsymmetry(lopsided, axes, axes.majorAngle()) + MaskGeometry.mirrorAsymmetry(lopsided, axes, axes.minorAngle());
        assertThat(MaskGeometry.foldAsymmetry(lopsided)).isCloseTo(mirror / 4, within(1e-12)).isGreaterThan(0.02);
        assertThat(MaskGeometry.foldAsymmetry(mask(10, 10, (x, y) -> false))).isZero();
    }
}
