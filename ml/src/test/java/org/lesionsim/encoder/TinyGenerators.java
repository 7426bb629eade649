package org.lesionsim.encoder;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;

/** Small random generators for encoder tests, with {@code w_avg} tracked as training would track it. */
final class TinyGenerators {
    private TinyGenerators() {
    }

    /** z = w = 32, channels <= 32. */
    static GeneratorConfig config(int resolution) {
        return new GeneratorConfig(resolution, 32, 32, 2, 512, 32, 3, null, 0.01f, 0.995f);
    }

    /** A seeded random generator whose {@code w_avg} is the running mean of 400 batches of 64 mapped z. */
    static Generator withTrackedWAvg(NDManager manager, int resolution, long seed) {
        Generator g = Generator.create(config(resolution), manager, seed);
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            try (NDScope scope = new NDScope(); NDManager sm = manager.newSubManager()) {
                float[] z = new float[64 * g.zDim()];
                for (int k = 0; k < z.length; k++) {
                    z[k] = (float) random.nextGaussian();
                }
                g.mapping(sm.create(z, new Shape(64, g.zDim())), 1.0, null, true);
            }
        }
        return g;
    }
}
