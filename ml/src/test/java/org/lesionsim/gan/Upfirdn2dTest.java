package org.lesionsim.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FIR resampling as {@code upfirdn2d.py} defines it: shapes, constants, impulses, borders, filter orientation. */
class Upfirdn2dTest extends DjlTestBase {

    NDArray filter(float[] taps) {
        return manager.create(Upfirdn2d.setupFilter(taps), new Shape(taps.length, taps.length));
    }

    /** upsample2d by the separable matrices, checked against the 2-D filter convolution. */
    NDArray up(NDArray x) {
        NDArray separable = Upfirdn2d.upsample2d(x, Upfirdn2d.DEFAULT_TAPS);
        assertClose(separable, Upfirdn2d.upsample2d(x, filter(Upfirdn2d.DEFAULT_TAPS)));
        return separable;
    }

    NDArray down(NDArray x) {
        NDArray separable = Upfirdn2d.downsample2d(x, Upfirdn2d.DEFAULT_TAPS);
        assertClose(separable, Upfirdn2d.downsample2d(x, filter(Upfirdn2d.DEFAULT_TAPS)));
        return separable;
    }

    static void assertClose(NDArray a, NDArray b) {
        assertThat(a.getShape()).isEqualTo(b.getShape());
        float[] av = a.toFloatArray();
        float[] bv = b.toFloatArray();
        for (int i = 0; i < av.length; i++) {
            assertThat(av[i]).isCloseTo(bv[i], within(1e-5f));
        }
    }

    @Test
    void setupFilterIsTheNormalisedOuterProduct() {
        float[] f = Upfirdn2d.setupFilter(Upfirdn2d.DEFAULT_TAPS);
        assertThat(f).hasSize(16);
        assertThat(f[0]).isCloseTo(1f / 64, within(1e-7f));
        assertThat(f[1 * 4 + 2]).isCloseTo(9f / 64, within(1e-7f));
        double sum = 0;
        for (float v : f) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void upsamplingKeepsAConstantImageInsideAndDimsTheZeroPaddedBorder() {
        NDArray x = manager.full(new Shape(1, 2, 6, 6), 0.7f);
        float[][] y = plane(up(x), 1, 12);
        for (int r = 1; r < 11; r++) {
            for (int c = 1; c < 11; c++) {
                assertThat(y[r][c]).as("interior %d,%d", r, c).isCloseTo(0.7f, within(1e-6f));
            }
        }
        // The first/last row sees one zero-padded tap of weight 1/4 (of [1,3,3,1]/8 * 2): 3/4 of the value.
        assertThat(y[0][5]).isCloseTo(0.75f * 0.7f, within(1e-6f));
        assertThat(y[11][5]).isCloseTo(0.75f * 0.7f, within(1e-6f));
        assertThat(y[0][0]).isCloseTo(0.75f * 0.75f * 0.7f, within(1e-6f));
    }

    @Test
    void downsamplingKeepsAConstantImageInsideAndDimsTheZeroPaddedBorder() {
        NDArray x = manager.full(new Shape(2, 1, 8, 8), -1.5f);
        float[][] y = plane(down(x), 0, 4);
        for (int r = 1; r < 3; r++) {
            for (int c = 1; c < 3; c++) {
                assertThat(y[r][c]).isCloseTo(-1.5f, within(1e-6f));
            }
        }
        // Border outputs miss one tap of weight 1/8: 7/8 of the value.
        assertThat(y[0][1]).isCloseTo(-1.5f * 7 / 8, within(1e-6f));
        assertThat(y[3][2]).isCloseTo(-1.5f * 7 / 8, within(1e-6f));
    }

    @Test
    void upsamplingAnImpulseSpreadsTheFilterTimesFour() {
        float[] in = new float[16];
        in[1 * 4 + 2] = 1; // impulse at row 1, column 2
        NDArray x = manager.create(in, new Shape(1, 1, 4, 4));
        float[][] y = plane(up(x), 0, 8);
        // Zero-insertion puts it at (2, 4); the filter [1,3,3,1]x[1,3,3,1]/64 * 4 covers rows 1..4, cols 3..6.
        float[] taps = {1, 3, 3, 1};
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                boolean inside = r >= 1 && r <= 4 && c >= 3 && c <= 6;
                float expected = inside ? taps[r - 1] * taps[c - 3] / 16f : 0f;
                assertThat(y[r][c]).as("%d,%d", r, c).isCloseTo(expected, within(1e-6f));
            }
        }
    }

    @Test
    void downsamplingAnImpulseKeepsEverySecondFilterTap() {
        float[] in = new float[36];
        in[2 * 6 + 3] = 1; // impulse at row 2, column 3
        NDArray x = manager.create(in, new Shape(1, 1, 6, 6));
        float[][] y = plane(down(x), 0, 3);
        // Padding 1 moves it to padded (3, 4). Output j sees padded pixels 2j..2j+3 with taps f[3-k] of
        // [1,3,3,1]/8: row 3 -> j=0 (f[0]=1/8), j=1 (f[2]=3/8); column 4 -> j=1 (f[1]=3/8), j=2 (f[3]=1/8).
        float[] rowWeights = {1 / 8f, 3 / 8f, 0};
        float[] colWeights = {0, 3 / 8f, 1 / 8f};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(y[r][c]).as("%d,%d", r, c).isCloseTo(rowWeights[r] * colWeights[c], within(1e-6f));
            }
        }
    }

    @Test
    void largeImagesTakeTheConvolutionAndGiveTheSameResult() {
        int size = Upfirdn2d.MATRIX_MAX_SIZE; // upsampled to twice that: past the matrix path
        NDArray x = manager.randomNormal(new Shape(1, 2, size, size));
        NDArray up = Upfirdn2d.upsample2d(x, Upfirdn2d.DEFAULT_TAPS);
        assertThat(up.getShape()).isEqualTo(new Shape(1, 2, 2 * size, 2 * size));
        float[] in = x.toFloatArray();
        double[][][] expected = definition(java.util.Arrays.copyOfRange(in, 0, size * size), 1, size, size,
                Upfirdn2d.setupFilter(Upfirdn2d.DEFAULT_TAPS), 4, 2, 1, new int[] {2, 1, 2, 1}, 4);
        float[][] got = plane(up, 0, 2 * size);
        for (int r = 0; r < 2 * size; r++) {
            for (int c = 0; c < 2 * size; c++) {
                assertThat((double) got[r][c]).isCloseTo(expected[0][r][c], within(1e-5));
            }
        }
    }

    /** An asymmetric filter and padding catch a missing flip or swapped x/y padding. */
    @Test
    void matchesTheDefinitionForAnAsymmetricFilterAndPadding() {
        Random random = new Random(3);
        int h = 5;
        int w = 4;
        float[] in = new float[2 * h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) random.nextGaussian();
        }
        float[] taps = {1, 2, 3, 4};
        int[] pad = {2, 1, 0, 3}; // x0, x1, y0, y1
        for (int[] updown : new int[][] {{2, 1}, {1, 2}, {1, 1}}) {
            int up = updown[0];
            int down = updown[1];
            NDArray x = manager.create(in, new Shape(1, 2, h, w));
            NDArray y = Upfirdn2d.upfirdn2d(x, filter(taps), up, down, pad, 1.5);
            double[][][] expected = definition(in, 2, h, w, Upfirdn2d.setupFilter(taps), 4, up, down, pad, 1.5);
            // the separable matrix form computes the same
            assertClose(Upfirdn2d.upfirdn2d(x, taps, up, down, pad, 1.5), y);
            assertThat(y.getShape()).isEqualTo(new Shape(1, 2, expected[0].length, expected[0][0].length));
            float[] got = y.toFloatArray();
            int i = 0;
            for (double[][] channel : expected) {
                for (double[] row : channel) {
                    for (double v : row) {
                        assertThat((double) got[i++]).isCloseTo(v, within(1e-5));
                    }
                }
            }
        }
    }

    /** Zero-insert, pad, true convolution with f, keep every down-th pixel: plain loops. */
    static double[][][] definition(float[] in, int channels, int h, int w, float[] f, int taps, int up, int down,
            int[] pad, double gain) {
        int uh = h * up + pad[2] + pad[3];
        int uw = w * up + pad[0] + pad[1];
        int oh = (uh - taps) / down + 1;
        int ow = (uw - taps) / down + 1;
        double[][][] out = new double[channels][oh][ow];
        for (int ch = 0; ch < channels; ch++) {
            double[][] padded = new double[uh][uw];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int pr = r * up + pad[2];
                    int pc = c * up + pad[0];
                    if (pr >= 0 && pr < uh && pc >= 0 && pc < uw) {
                        padded[pr][pc] = in[(ch * h + r) * w + c];
                    }
                }
            }
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++) {
                    double s = 0;
                    for (int i = 0; i < taps; i++) {
                        for (int j = 0; j < taps; j++) {
                            // true convolution: output at p sees input p + k weighted by f[K-1-k]
                            s += padded[r * down + i][c * down + j] * f[(taps - 1 - i) * taps + (taps - 1 - j)];
                        }
                    }
                    out[ch][r][c] = s * gain;
                }
            }
        }
        return out;
    }

    /** Channel {@code channel} of sample 0 of a {@code [N, C, size, size]} array. */
    static float[][] plane(NDArray y, int channel, int size) {
        assertThat(y.getShape().get(2)).isEqualTo(size);
        assertThat(y.getShape().get(3)).isEqualTo(size);
        float[] all = y.toFloatArray();
        float[][] out = new float[size][size];
        for (int r = 0; r < size; r++) {
            System.arraycopy(all, (channel * size + r) * size, out[r], 0, size);
        }
        return out;
    }
}
