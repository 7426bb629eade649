package org.lesionsim.sefa;

import java.util.Collection;

/**
 * One case's inverted latent in W (a w vector, or a W+ code averaged over the layers a direction acts
 * on) and whether the case is a melanoma ({@code mel}) rather than a nevus ({@code nv}). The array is
 * not copied. Carries no case id: rankings are computed over anonymous latents.
 */
public record LabelledLatent(float[] latent, boolean melanoma) {
    public LabelledLatent {
        if (latent == null || latent.length == 0) {
            throw new IllegalArgumentException("empty latent");
        }
    }

    /** Mean of the W+ rows {@code wsIndices} of a {@code [num_ws][w_dim]} code. */
    public static LabelledLatent ofWPlus(float[][] wPlus, Collection<Integer> wsIndices, boolean melanoma) {
        if (wsIndices.isEmpty()) {
            throw new IllegalArgumentException("no W+ rows to average");
        }
        float[] mean = new float[wPlus[0].length];
        double[] sum = new double[mean.length];
        for (int index : wsIndices) {
            if (index < 0 || index >= wPlus.length) {
                throw new IllegalArgumentException("W+ row " + index + " outside 0.." + (wPlus.length - 1));
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] += wPlus[index][k];
            }
        }
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (float) (sum[k] / wsIndices.size());
        }
        return new LabelledLatent(mean, melanoma);
    }
}
