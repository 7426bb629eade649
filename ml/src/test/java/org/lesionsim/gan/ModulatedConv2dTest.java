package org.lesionsim.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Modulated convolution equals, sample by sample, a plain convolution with the kernel modulated and
 * demodulated by hand; demodulation gives unit-variance outputs.
 */
class ModulatedConv2dTest extends DjlTestBase {

    static float[] randn(Random random, int n, double mean, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (mean + std * random.nextGaussian());
        }
        return out;
    }

    /** w[o,i,k] * s[n,i], then (if demodulate) divided by sqrt(sum over i,k of its square + 1e-8). */
    static float[] modulatedWeight(float[] weight, float[] styles, int n, int out, int in, int kk, boolean demodulate) {
        float[] w = new float[out * in * kk];
        for (int o = 0; o < out; o++) {
            double sumSq = 0;
            for (int i = 0; i < in; i++) {
                for (int k = 0; k < kk; k++) {
                    double v = (double) weight[(o * in + i) * kk + k] * styles[n * in + i];
                    w[(o * in + i) * kk + k] = (float) v;
                    sumSq += v * v;
                }
            }
            if (demodulate) {
                double d = 1 / Math.sqrt(sumSq + 1e-8);
                for (int j = o * in * kk; j < (o + 1) * in * kk; j++) {
                    w[j] = (float) (w[j] * d);
                }
            }
        }
        return w;
    }

    @Test
    void equalsAPlainConvolutionPerSampleWithTheKernelModulatedByHand() {
        Random random = new Random(11);
        int batch = 3;
        int in = 5;
        int out = 4;
        int size = 7;
        float[] x = randn(random, batch * in * size * size, 0, 1);
        float[] weight = randn(random, out * in * 9, 0, 1);
        float[] styles = randn(random, batch * in, 1, 0.5);
        for (boolean demodulate : new boolean[] {true, false}) {
            try (NDManager step = manager.newSubManager()) {
                NDArray xs = step.create(x, new Shape(batch, in, size, size));
                NDArray ws = step.create(weight, new Shape(out, in, 3, 3));
                NDArray ss = step.create(styles, new Shape(batch, in));
                float[] fused = ModulatedConv2d.modulatedConv2d(xs, ws, ss, null, 1, 1, null, demodulate, true, true).toFloatArray();
                float[] shared = ModulatedConv2d.modulatedConv2d(xs, ws, ss, null, 1, 1, null, demodulate, true, false).toFloatArray();
                int per = out * size * size;
                for (int n = 0; n < batch; n++) {
                    NDArray kernel = step.create(modulatedWeight(weight, styles, n, out, in, 9, demodulate), new Shape(out, in, 3, 3));
                    NDArray sample = xs.get("{}:{}", n, n + 1);
                    float[] expected = Conv2d.conv2d(sample, kernel, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow().toFloatArray();
                    double scale = demodulate ? 1e-5 : 1e-4; // without demodulation outputs are ~10x larger
                    for (int j = 0; j < per; j++) {
                        assertThat(fused[n * per + j]).isCloseTo(expected[j], within((float) scale));
                        assertThat(shared[n * per + j]).isCloseTo(expected[j], within((float) scale));
                    }
                }
            }
        }
    }

    /**
     * Upsampling by 2: the reference runs a stride-2 transposed convolution (kernel not flipped) and then
     * the [1,3,3,1] FIR filter with gain 4; written out here in loops, against our zero-insertion path.
     */
    @Test
    void upsamplingEqualsTheReferenceTransposedConvolutionFollowedByTheFirFilter() {
        Random random = new Random(12);
        int batch = 2;
        int in = 3;
        int out = 2;
        int size = 4;
        float[] x = randn(random, batch * in * size * size, 0, 1);
        float[] weight = randn(random, out * in * 9, 0, 1);
        float[] styles = randn(random, batch * in, 1, 0.5);
        float[] filter = Upfirdn2d.setupFilter(Upfirdn2d.DEFAULT_TAPS);
        try (NDManager step = manager.newSubManager()) {
            NDArray xs = step.create(x, new Shape(batch, in, size, size));
            NDArray ws = step.create(weight, new Shape(out, in, 3, 3));
            NDArray ss = step.create(styles, new Shape(batch, in));
            float[] taps = Upfirdn2d.DEFAULT_TAPS;
            float[] fused = ModulatedConv2d.modulatedConv2d(xs, ws, ss, null, 2, 1, taps, true, false, true).toFloatArray();
            float[] shared = ModulatedConv2d.modulatedConv2d(xs, ws, ss, null, 2, 1, taps, true, false, false).toFloatArray();
            int big = 2 * size;
            int per = out * big * big;
            assertThat(fused).hasSize(batch * per);
            for (int n = 0; n < batch; n++) {
                float[] w = modulatedWeight(weight, styles, n, out, in, 9, true);
                // conv_transpose2d(x, w^T, stride=2, padding=0): each input pixel scatters w * x to 2q + k.
                int t = 2 * size + 1;
                float[] transposed = new float[out * t * t];
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        for (int qr = 0; qr < size; qr++) {
                            for (int qc = 0; qc < size; qc++) {
                                double v = x[((n * in + i) * size + qr) * size + qc];
                                for (int kr = 0; kr < 3; kr++) {
                                    for (int kc = 0; kc < 3; kc++) {
                                        transposed[(o * t + 2 * qr + kr) * t + 2 * qc + kc] += (float) (v * w[((o * in + i) * 3 + kr) * 3 + kc]);
                                    }
                                }
                            }
                        }
                    }
                }
                // then upfirdn2d(f, padding [1,1,1,1], gain up^2 = 4): (2H+1) + 2 - 4 + 1 = 2H.
                double[][][] expected = Upfirdn2dTest.definition(transposed, out, t, t, filter, 4, 1, 1, new int[] {1, 1, 1, 1}, 4);
                for (int o = 0; o < out; o++) {
                    for (int r = 0; r < big; r++) {
                        for (int c = 0; c < big; c++) {
                            int j = n * per + (o * big + r) * big + c;
                            assertThat((double) fused[j]).isCloseTo(expected[o][r][c], within(1e-5));
                            assertThat((double) shared[j]).isCloseTo(expected[o][r][c], within(1e-5));
                        }
                    }
                }
            }
        }
    }

    @Test
    void demodulationGivesUnitVarianceOutputsForUnitVarianceInputs() {
        Random random = new Random(13);
        int batch = 4;
        int in = 64;
        int out = 32;
        int size = 24;
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(randn(random, batch * in * size * size, 0, 1), new Shape(batch, in, size, size));
            NDArray w = step.create(randn(random, out * in * 9, 0, 1), new Shape(out, in, 3, 3));
            NDArray s = step.create(randn(random, batch * in, 1, 0.5), new Shape(batch, in));
            // padding 0: every output sees a full window of unit-variance inputs
            NDArray demodulated = ModulatedConv2d.modulatedConv2d(x, w, s, null, 1, 0, null, true, true, true);
            // Outputs share inputs and overlap spatially, so the estimates scatter more than i.i.d. ones would.
            assertThat(variance(demodulated.toFloatArray())).isCloseTo(1.0, within(0.06));
            for (int n = 0; n < batch; n++) {
                assertThat(variance(demodulated.get("{}", n).toFloatArray())).as("sample %d", n).isCloseTo(1.0, within(0.15));
            }
            NDArray modulatedOnly = ModulatedConv2d.modulatedConv2d(x, w, s, null, 1, 0, null, false, true, true);
            assertThat(variance(modulatedOnly.toFloatArray())).isGreaterThan(100.0);
        }
    }

    static double variance(float[] v) {
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        double var = 0;
        for (float f : v) {
            var += (f - mean) * (f - mean);
        }
        return var / v.length;
    }
}
