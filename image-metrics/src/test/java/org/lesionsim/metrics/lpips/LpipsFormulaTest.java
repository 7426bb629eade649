package org.lesionsim.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Protects the LPIPS formula itself (scale, unit-normalise over channels, squared difference, lin
 * weights, spatial mean, sum over layers) against a plain-Java computation of lpips.LPIPS.forward,
 * on a backbone that taps the scaled input directly.
 */
class LpipsFormulaTest {
    private static final int H = 4;
    private static final int W = 5;

    @Test
    void oneIdentityLayerMatchesTheHandComputedValue() {
        Random random = new Random(7);
        float[] a = randomImage(random);
        float[] b = randomImage(random);
        float[] lin = {0.2f, 1.5f, 0.7f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDManager owned = manager.newSubManager();
            NDArray linWeight = owned.create(lin, new Shape(1, 3, 1, 1));
            try (LpipsDistance lpips = new LpipsDistance(owned, x -> new NDList(x), List.of(linWeight))) {
                float measured = lpips.distances(manager.create(a, new Shape(1, 3, H, W)), manager.create(b, new Shape(1, 3, H, W)))[0];
                assertThat((double) measured).isCloseTo(handLayer(a, b, lin), within(1e-5));
            }
        }
    }

    @Test
    void layersAreSummed() {
        Random random = new Random(8);
        float[] a = randomImage(random);
        float[] b = randomImage(random);
        float[] lin0 = {1f, 0f, 0.5f};
        float[] lin1 = {0.1f, 0.3f, 2f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDManager owned = manager.newSubManager();
            List<NDArray> lins = List.of(owned.create(lin0, new Shape(1, 3, 1, 1)), owned.create(lin1, new Shape(1, 3, 1, 1)));
            // two taps: the scaled input and its negation (normalisation is sign-symmetric in the difference)
            try (LpipsDistance lpips = new LpipsDistance(owned, x -> new NDList(x, x.neg()), lins)) {
                float measured = lpips.distances(manager.create(a, new Shape(1, 3, H, W)), manager.create(b, new Shape(1, 3, H, W)))[0];
                double expected = handLayer(a, b, lin0) + handLayer(a, b, lin1);
                assertThat((double) measured).isCloseTo(expected, within(1e-5));
                assertThat(expected).isGreaterThan(0);
            }
        }
    }

    /** One layer by the reference formula, in double, on the ScalingLayer output of a and b. */
    private static double handLayer(float[] a, float[] b, float[] lin) {
        double total = 0;
        for (int p = 0; p < H * W; p++) {
            double[] fa = new double[3];
            double[] fb = new double[3];
            double na = 0;
            double nb = 0;
            for (int c = 0; c < 3; c++) {
                fa[c] = (a[c * H * W + p] - LpipsDistance.SHIFT[c]) / LpipsDistance.SCALE[c];
                fb[c] = (b[c * H * W + p] - LpipsDistance.SHIFT[c]) / LpipsDistance.SCALE[c];
                na += fa[c] * fa[c];
                nb += fb[c] * fb[c];
            }
            na = Math.sqrt(na) + 1e-10;
            nb = Math.sqrt(nb) + 1e-10;
            for (int c = 0; c < 3; c++) {
                double d = fa[c] / na - fb[c] / nb;
                total += lin[c] * d * d;
            }
        }
        return total / (H * W);
    }

    private static float[] randomImage(Random random) {
        float[] v = new float[3 * H * W];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }
}
