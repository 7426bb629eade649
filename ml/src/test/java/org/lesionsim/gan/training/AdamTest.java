package org.lesionsim.gan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lesionsim.gan.StateDict;

/** Adam follows torch.optim.Adam's formulas with the lazy-regularisation correction, and resumes exactly. */
class AdamTest extends org.lesionsim.gan.DjlTestBase {
    static final float[] START = {0.5f, -1.0f, 2.0f};
    static final float[][] GRADS = {{0.3f, -2.0f, 0.01f}, {-0.1f, 0.5f, 0.02f}, {0.2f, 0.2f, -0.3f}};

    /** Loss {@code sum(w * c)} has gradient {@code c}. */
    static void backward(NDArray w, float[] c) {
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            collector.backward(w.mul(manager.create(c)).sum());
        }
    }

    static StateDict params() {
        StateDict params = StateDict.fresh(manager, 0);
        params.parameter("w", new Shape(3), StateDict.Init.values(START));
        params.requireGradients();
        return params;
    }

    /** As the reference's {@code misc.nan_to_num(grad, nan=0, posinf=1e5, neginf=-1e5)}: finite values, however large, stay. */
    @Test
    void nanToNumReplacesOnlyNonFiniteGradients() {
        try (NDManager m = manager.newSubManager()) {
            NDArray g = m.create(new float[] {1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2e6f, -3f});
            Adam.nanToNum(g);
            assertThat(g.toFloatArray()).containsExactly(1.5f, 0f, 1e5f, -1e5f, 2e6f, -3f);
        }
    }

    /** A step with a sanitised NaN gradient moves the other parameters and leaves the parameter finite. */
    @Test
    void aSanitisingStepSurvivesANanGradient() {
        try (StateDict params = params(); Adam adam = new Adam(params, manager, 0.01, 0, 0.99, 0).sanitizeGradients(true)) {
            NDArray w = params.parameters().get("w");
            backward(w, new float[] {Float.NaN, 1f, Float.POSITIVE_INFINITY});
            try (NDManager step = manager.newSubManager()) {
                adam.step(step);
            }
            float[] after = w.toFloatArray();
            assertThat(after[0]).isEqualTo(START[0]); // gradient 0: no move
            assertThat(after[1]).isLessThan(START[1]);
            assertThat(after[2]).isLessThan(START[2]).isFinite();
            assertThat(w.getGradient().toFloatArray()).containsExactly(0f, 0f, 0f); // zeroed, not NaN - NaN
        }
    }

    /** Three steps against the closed form with lr 0.01 * 4/5, beta2 0.99^(4/5) (interval 4), beta1 0. */
    @Test
    void stepsMatchTorchFormulasWithLazyCorrection() {
        double ratio = 4 / 5.0;
        double lr = 0.01 * ratio;
        double b1 = Math.pow(0.5, ratio);
        double b2 = Math.pow(0.99, ratio);
        double[] w = {START[0], START[1], START[2]};
        double[] m = new double[3];
        double[] v = new double[3];
        try (StateDict params = params(); Adam adam = new Adam(params, manager, 0.01, 0.5, 0.99, 4)) {
            for (int t = 1; t <= GRADS.length; t++) {
                backward(params.get("w"), GRADS[t - 1]);
                try (NDManager step = manager.newSubManager()) {
                    adam.step(step);
                }
                for (int i = 0; i < 3; i++) {
                    double g = GRADS[t - 1][i];
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + 1e-8;
                    w[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
                }
                float[] actual = params.get("w").toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertThat((double) actual[i]).as("step %d, w[%d]", t, i).isCloseTo(w[i], within(1e-5));
                }
            }
            assertThat(adam.steps()).isEqualTo(3);
        }
    }

    /** Moments and step count saved after one step and loaded into a new optimiser give the same second step. */
    @Test
    void savedStateResumesExactly() {
        float[] expected;
        Map<String, NDArray> saved = new HashMap<>();
        try (NDManager store = manager.newSubManager()) {
            long steps;
            try (StateDict params = params(); Adam adam = new Adam(params, manager, 0.01, 0, 0.99, 16)) {
                backward(params.get("w"), GRADS[0]);
                adam.step(store);
                NDList list = new NDList();
                adam.saveTo("G.", list);
                for (NDArray array : list) {
                    saved.put(array.getName(), array.duplicate().toDevice(array.getDevice(), true));
                }
                steps = adam.steps();
                saved.values().forEach(a -> a.attach(store));
                saved.put("w", params.get("w").duplicate());
                saved.get("w").attach(store);
                backward(params.get("w"), GRADS[1]);
                adam.step(store);
                expected = params.get("w").toFloatArray();
            }
            try (StateDict params = params(); Adam adam = new Adam(params, manager, 0.01, 0, 0.99, 16)) {
                params.get("w").set(saved.get("w").toFloatArray());
                adam.loadFrom("G.", saved, steps);
                backward(params.get("w"), GRADS[1]);
                adam.step(store);
                assertThat(params.get("w").toFloatArray()).containsExactly(expected);
            }
        }
    }
}
