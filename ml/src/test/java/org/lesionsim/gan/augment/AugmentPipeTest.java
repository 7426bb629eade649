package org.lesionsim.gan.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ADA augmentation: identity at p = 0, exact pixel moves, colour transforms that keep what they should. */
class AugmentPipeTest extends org.lesionsim.gan.DjlTestBase {

    static NDArray images(int batch, int size, long seed) {
        Random random = new Random(seed);
        float[] v = new float[batch * 3 * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return manager.create(v, new Shape(batch, 3, size, size));
    }

    @Test
    void strengthZeroLeavesImagesUnchanged() {
        NDArray x = images(4, 8, 1);
        AugmentPipe pipe = new AugmentPipe(AugmentConfig.blitAndColor(), 0);
        assertThat(pipe.forward(x, new Random(2)).toFloatArray()).isEqualTo(x.toFloatArray());
    }

    @Test
    void blitsOnlyPermutePixelsWithinEachImage() {
        NDArray x = images(6, 8, 3);
        AugmentPipe pipe = new AugmentPipe(AugmentConfig.blit(), 1);
        float[] in = x.toFloatArray();
        float[] out = pipe.forward(x, new Random(4)).toFloatArray();
        assertThat(out).isNotEqualTo(in);
        // without translation every image is a permutation of its own pixels (flip and quarter turns)
        AugmentPipe noTranslation = new AugmentPipe(colour(1, 1, 0, 0, 0, 0, 0, 0), 1);
        float[] turned = noTranslation.forward(x, new Random(5)).toFloatArray();
        int per = 3 * 8 * 8;
        for (int n = 0; n < 6; n++) {
            float[] a = java.util.Arrays.copyOfRange(in, n * per, (n + 1) * per);
            float[] b = java.util.Arrays.copyOfRange(turned, n * per, (n + 1) * per);
            java.util.Arrays.sort(a);
            java.util.Arrays.sort(b);
            assertThat(b).isEqualTo(a);
        }
    }

    @Test
    void pixelMovesMatchHandComputedCases() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i; // 4x4 plane, value = 4 * row + column
        }
        NDArray plane = manager.create(v, new Shape(1, 1, 4, 4));
        assertThat(new PixelBlit(true, 0, 0, 0).apply(plane).toFloatArray())
                .containsExactly(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
        // one counter-clockwise quarter turn: the last column becomes the first row
        assertThat(new PixelBlit(false, 1, 0, 0).apply(plane).toFloatArray())
                .containsExactly(3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13, 0, 4, 8, 12);
        // four quarter turns are the identity
        assertThat(new PixelBlit(false, 4, 0, 0).apply(plane).toFloatArray()).isEqualTo(v);
        // shift right by 2 with reflection: row [0 1 2 3] -> [2 1 0 1]
        assertThat(new PixelBlit(false, 0, 2, 0).apply(plane).get("0, 0, 0").toFloatArray()).containsExactly(2, 1, 0, 1);
        // shift left by 1: [0 1 2 3] -> [1 2 3 2]
        assertThat(new PixelBlit(false, 0, -1, 0).apply(plane).get("0, 0, 0").toFloatArray()).containsExactly(1, 2, 3, 2);
        // shift down by 1: column 0 [0 4 8 12] -> [4 0 4 8]
        assertThat(new PixelBlit(false, 0, 0, 1).apply(plane).get("0, 0, :, 0").toFloatArray()).containsExactly(4, 0, 4, 8);
    }

    @Test
    void colourMatricesKeepWhatTheyShould() {
        double s3 = 1 / Math.sqrt(3);
        double[] luma = {s3, s3, s3};
        double[] grey = {0.3, 0.3, 0.3, 1};
        double[] colour = {0.5, -0.2, 0.1, 1};
        // hue rotation and saturation leave greys alone; the luma flip negates them
        assertThat(apply(ColorMatrices.rotate(luma, 1.1), grey)).containsExactly(new double[] {0.3, 0.3, 0.3, 1}, within(1e-12));
        assertThat(apply(ColorMatrices.saturate(luma, 3), grey)).containsExactly(new double[] {0.3, 0.3, 0.3, 1}, within(1e-12));
        assertThat(apply(ColorMatrices.householder(luma), grey)).containsExactly(new double[] {-0.3, -0.3, -0.3, 1}, within(1e-12));
        // hue rotation keeps the mean (luma) and the chroma magnitude
        double[] rotated = apply(ColorMatrices.rotate(luma, 2.0), colour);
        assertThat(rotated[0] + rotated[1] + rotated[2]).isCloseTo(0.4, within(1e-12));
        assertThat(chroma(rotated)).isCloseTo(chroma(colour), within(1e-12));
        // saturation 0 leaves only the grey of the colour
        double[] desaturated = apply(ColorMatrices.saturate(luma, 0), colour);
        assertThat(desaturated).containsExactly(new double[] {0.4 / 3, 0.4 / 3, 0.4 / 3, 1}, within(1e-12));
    }

    @Test
    void colourTransformsActOnEveryPixelAndPassGradients() {
        NDArray x = images(4, 8, 6);
        x.setRequiresGradient(true);
        AugmentPipe pipe = new AugmentPipe(colour(0, 0, 0, 1, 1, 1, 1, 1), 1);
        NDArray y;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            y = pipe.forward(x, new Random(7));
            collector.backward(y.sum());
        }
        assertThat(y.getShape()).isEqualTo(x.getShape());
        assertThat(y.toFloatArray()).isNotEqualTo(x.toFloatArray());
        float[] grad = x.getGradient().toFloatArray();
        assertThat(grad).isNotEqualTo(new float[grad.length]);
    }

    @Test
    void eachTransformFiresWithItsProbability() {
        // brightness only, multiplier 1, strength 0.3: about 30 % of images change
        AugmentPipe pipe = new AugmentPipe(colour(0, 0, 0, 1, 0, 0, 0, 0), 0.3);
        Random random = new Random(8);
        int changed = 0;
        int trials = 4000;
        for (int i = 0; i < trials; i++) {
            double[][] c = pipe.colourMatrix(random, pipe.p());
            changed += c[0][3] != 0 ? 1 : 0;
        }
        assertThat(changed / (double) trials).isCloseTo(0.3, within(0.03));
    }

    /** Blit and colour multipliers only, reference spreads, no general geometry. */
    static AugmentConfig colour(double xflip, double rotate90, double xint,
            double brightness, double contrast, double lumaflip, double hue, double saturation) {
        return new AugmentConfig(xflip, rotate90, xint, 0.125, 0, 0, 0, 0, 0.2, 1, 0.2, 0.125,
                brightness, contrast, lumaflip, hue, saturation, 0.2, 0.5, 1, 1);
    }

    static double[] apply(double[][] m, double[] v) {
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                out[i] += m[i][j] * v[j];
            }
        }
        return out;
    }

    static double chroma(double[] c) {
        double mean = (c[0] + c[1] + c[2]) / 3;
        return Math.sqrt(Math.pow(c[0] - mean, 2) + Math.pow(c[1] - mean, 2) + Math.pow(c[2] - mean, 2));
    }
}
