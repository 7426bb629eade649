package org.lesionsim.gan.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The logistic losses are -log sigmoid of the right sign, and the generator's does not saturate. */
class NonSaturatingLogisticLossTest {

    @Test
    void lossesAreMinusLogSigmoid() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] logits = {-3f, 0f, 2.5f};
            float[] g = NonSaturatingLogisticLoss.generator(m.create(logits)).toFloatArray();
            float[] dReal = NonSaturatingLogisticLoss.discriminatorReal(m.create(logits)).toFloatArray();
            float[] dFake = NonSaturatingLogisticLoss.discriminatorFake(m.create(logits)).toFloatArray();
            for (int i = 0; i < logits.length; i++) {
                double sigmoid = 1 / (1 + Math.exp(-logits[i]));
                assertThat((double) g[i]).isCloseTo(-Math.log(sigmoid), within(1e-6));
                assertThat((double) dReal[i]).isCloseTo(-Math.log(sigmoid), within(1e-6));
                assertThat((double) dFake[i]).isCloseTo(-Math.log(1 - sigmoid), within(1e-6));
            }
            // a confidently rejected fake (logit -3) still gives the generator a large loss, hence a gradient
            assertThat(g[0]).isGreaterThan(3f);
        }
    }
}
