package org.lesionsim.progression.nuisance;

import java.util.Random;

final class ConditionalDirectionTestAccess {
    private ConditionalDirectionTestAccess() {
    }

    static float[] randomUnit(int dim, Random random) {
        float[] v = new float[dim];
        double norm = 0;
        for (int k = 0; k < dim; k++) {
            v[k] = (float) random.nextGaussian();
            norm += v[k] * v[k];
        }
        for (int k = 0; k < dim; k++) {
            v[k] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
