package org.lesionsim.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lesionsim.gan.DjlTestBase;
import org.lesionsim.metrics.MsSsim;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.Ssim;

class DifferentiableMsSsimTest extends DjlTestBase {

    /** A smooth blob pattern in [-1, 1] plus noise of {@code noise}. */
    private static float[] image(int side, long seed, double noise) {
        Random random = new Random(seed);
        float[] v = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double s = Math.sin(x * 0.3 + c) * Math.cos(y * 0.2) * 0.6 + noise * random.nextGaussian();
                    v[(c * side + y) * side + x] = (float) Math.max(-1, Math.min(1, s));
                }
            }
        }
        return v;
    }

    private static void assertMatchesPlainMetric(int side, DifferentiableMsSsim differentiable, MsSsim plain) {
        float[] a = image(side, 1, 0.05);
        float[] b = image(side, 2, 0.3);
        double expected = plain.compute(PlanarImage.fromMinusOneToOne(3, side, side, a),
                PlanarImage.fromMinusOneToOne(3, side, side, b));
        try (NDManager sm = manager.newSubManager()) {
            Shape shape = new Shape(1, 3, side, side);
            double actual = differentiable.compute(sm.create(a, shape), sm.create(b, shape)).getFloat(0);
            assertThat(actual).isCloseTo(expected, within(2e-4));
            assertThat(expected).isBetween(0.05, 0.95); // a non-trivial comparison
        }
    }

    @Test
    void equalsThePlainJavaMsSsimWithTheScalesThatFit() {
        // 64 px: 3 standard scales, 32 px: 2, both 11-tap windows, weights renormalised
        assertMatchesPlainMetric(64, DifferentiableMsSsim.forSide(64), MsSsim.forSmallerSide(64));
        assertMatchesPlainMetric(32, DifferentiableMsSsim.forSide(32), MsSsim.forSmallerSide(32));
        assertThat(DifferentiableMsSsim.forSide(64).weights()).hasSize(3);
    }

    @Test
    void equalsThePlainJavaMsSsimWithASmallerWindow() {
        double[] weights = {0.2, 0.3, 0.5};
        MsSsim plain = new MsSsim(weights, new Ssim(7, 1.5, 0.01, 0.03, 1.0));
        assertMatchesPlainMetric(32, new DifferentiableMsSsim(plain), plain);
    }

    @Test
    void isOneForIdenticalImagesAndHasFiniteGradients() {
        try (NDManager sm = manager.newSubManager()) {
            Shape shape = new Shape(2, 3, 32, 32);
            NDArray target = sm.create(image(32, 3, 0.1), new Shape(1, 3, 32, 32)).broadcast(shape);
            DifferentiableMsSsim msSsim = DifferentiableMsSsim.forSide(32);
            assertThat(msSsim.compute(target, target).toFloatArray()).containsOnly(1f, 1f);
            NDArray x = sm.randomUniform(-1, 1, shape);
            x.setRequiresGradient(true);
            try (GradientCollector collector = sm.getEngine().newGradientCollector()) {
                collector.backward(msSsim.compute(x, target).sum());
            }
            NDArray grad = x.getGradient();
            assertThat(grad.isNaN().any().getBoolean()).isFalse();
            assertThat(grad.abs().sum().getFloat()).isGreaterThan(0f);
        }
    }
}
