package org.lesionsim.metrics.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lesionsim.metrics.PlanarImage;

/** The two resizes: exact at scale 1, flat images stay flat, and only the clean one antialiases. */
class FidResizeTest {

    @Test
    void atTheSameSizeBothResizesReturnTheImage() {
        PlanarImage image = checkerboard(20);
        for (FidResize resize : FidResize.values()) {
            float[] out = resize.resize(image, 20);
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).as(resize + " at " + i).isCloseTo(image.values()[i], within(1e-6f));
            }
        }
    }

    @Test
    void aFlatImageStaysFlatUpAndDown() {
        float[] v = new float[3 * 30 * 40];
        java.util.Arrays.fill(v, 0.3f);
        PlanarImage flat = new PlanarImage(3, 30, 40, v);
        for (FidResize resize : FidResize.values()) {
            for (int size : new int[] {13, 299}) {
                for (float x : resize.resize(flat, size)) {
                    assertThat(x).isCloseTo(0.3f, within(1e-5f));
                }
            }
        }
    }

    @Test
    void shrinkingAOnePixelCheckerboardThreefoldAveragesWithBicubicAndAliasesWithBilinear() {
        PlanarImage board = checkerboard(96);
        for (float x : FidResize.CLEAN_BICUBIC.resize(board, 32)) {
            assertThat(x).isCloseTo(0.5f, within(0.1f));
        }
        // pytorch-fid's bilinear samples source pixel 3i + 1 exactly: the pattern survives at full contrast
        for (float x : FidResize.PYTORCH_FID_BILINEAR.resize(board, 32)) {
            assertThat(x == 0f || x == 1f).isTrue();
        }
    }

    private static PlanarImage checkerboard(int side) {
        float[] v = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    v[(c * side + y) * side + x] = (x + y) % 2;
                }
            }
        }
        return new PlanarImage(3, side, side, v);
    }
}
