package org.lesionsim.gan.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;

/** Mixing keeps the ws of z before the crossover and takes one other w after it. */
class StyleMixingTest {

    @Test
    void mixesAtOneCrossoverOrNotAtAll() {
        try (NDManager m = NDManager.newBaseManager(); Generator g = Generator.create(GeneratorConfig.cpu(32), m, 1)) {
            NDArray z = m.randomNormal(new Shape(3, g.zDim()));
            float[] plain = g.mapping(z, 1.0).toFloatArray();
            assertThat(new StyleMixing(0).mappingWithMixing(g, z, new Random(1)).toFloatArray()).isEqualTo(plain);

            NDArray mixed = new StyleMixing(1).mappingWithMixing(g, z, new Random(2));
            NDArray reference = g.mapping(z, 1.0);
            int crossover = 0;
            while (crossover < g.numWs()
                    && java.util.Arrays.equals(mixed.get(":, {}", crossover).toFloatArray(), reference.get(":, {}", crossover).toFloatArray())) {
                crossover++;
            }
            assertThat(crossover).isBetween(1, g.numWs() - 1);
            for (int i = crossover; i < g.numWs(); i++) {
                assertThat(mixed.get(":, {}", i).toFloatArray()).isEqualTo(mixed.get(":, {}", crossover).toFloatArray());
            }
        }
    }
}
