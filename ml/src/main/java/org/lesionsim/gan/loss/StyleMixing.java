package org.lesionsim.gan.loss;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.lesionsim.gan.Generator;

/**
 * Mixing regularisation ({@code training/loss.py: run_G}): with probability {@code prob} (0.9), the
 * ws from {@code crossover} on come from a second latent, so that neighbouring layers do not learn
 * to depend on each other's style. The crossover is drawn uniformly from {@code [1, num_ws)}, one for
 * the whole batch, as in the reference.
 */
public final class StyleMixing {
    private final double prob;

    public StyleMixing(double prob) {
        if (!(prob >= 0 && prob <= 1)) {
            throw new IllegalArgumentException("prob must be in [0, 1], got " + prob);
        }
        this.prob = prob;
    }

    /**
     * Maps {@code z} (updating {@code w_avg}, as training does) and possibly mixes in the ws of a
     * fresh latent (which does not update {@code w_avg}).
     *
     * @return ws {@code [N, num_ws, w_dim]}
     */
    public NDArray mappingWithMixing(Generator generator, NDArray z, Random random) {
        NDArray ws = generator.mapping(z, 1.0, null, true);
        int numWs = generator.numWs();
        int crossover = 1 + random.nextInt(numWs - 1);
        if (random.nextDouble() >= prob) {
            return ws;
        }
        NDArray other = z.getManager().randomNormal(0, 1, z.getShape(), z.getDataType());
        NDArray mixed = generator.mapping(other, 1.0, null, false);
        return ws.get(":, :{}", crossover).concat(mixed.get(":, {}:", crossover), 1);
    }
}
