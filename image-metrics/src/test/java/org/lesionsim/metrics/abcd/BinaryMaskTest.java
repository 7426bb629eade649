package org.lesionsim.metrics.abcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lesionsim.imaging.mask.Connectivity.EIGHT;
import static org.lesionsim.imaging.mask.StructuringElement.DISC;

import org.junit.jupiter.api.Test;
import org.lesionsim.imaging.mask.BinaryMask;

/** The morphology that removes hairs and fills lesions does what segmentation relies on. */
class BinaryMaskTest {
    private static final int N = 64;

    @Test
    void openingRemovesAHairButKeepsTheBlobItTouches() {
        BinaryMask blob = DrawnLesions.mask(N, N, DrawnLesions.disc(32, 32, 12));
        BinaryMask withHair = DrawnLesions.mask(N, N, (x, y) -> blob.contains(x, y) || (y >= 31 && y <= 32));
        BinaryMask opened = withHair.open(2, DISC);
        assertThat(opened.contains(2, 31)).as("hair far from the blob").isFalse();
        assertThat(DrawnLesions.iou(opened, blob)).isGreaterThan(0.95);
    }

    @Test
    void erosionAndDilationUseADisc() {
        BinaryMask point = DrawnLesions.mask(N, N, (x, y) -> x == 32 && y == 32);
        BinaryMask dilated = point.dilate(5, DISC);
        assertThat(dilated.contains(37, 32)).isTrue();
        assertThat(dilated.contains(35, 35)).as("(3,3) is within 5.5").isTrue();
        assertThat(dilated.contains(36, 36)).as("(4,4) is 5.66 away, outside the disc").isFalse();
        assertThat(dilated.erode(5, DISC).area()).isEqualTo(1);
    }

    @Test
    void fillHolesFillsEnclosedBackgroundOnly() {
        BinaryMask ring = DrawnLesions.mask(N, N, (x, y) -> {
            double d = Math.hypot(x - 32, y - 32);
            return d >= 8 && d <= 14;
        });
        BinaryMask filled = ring.fillHoles();
        assertThat(filled.contains(32, 32)).isTrue();
        assertThat(filled.contains(2, 2)).isFalse();
        assertThat(filled.area()).isEqualTo(DrawnLesions.mask(N, N, (x, y) -> Math.hypot(x - 32, y - 32) <= 14).area());
    }

    @Test
    void componentsAreEightConnected() {
        BinaryMask diagonal = DrawnLesions.mask(N, N, (x, y) -> (x == 5 && y == 5) || (x == 6 && y == 6) || (x == 20 && y == 20));
        assertThat(diagonal.components(EIGHT)).hasSize(2);
    }
}
