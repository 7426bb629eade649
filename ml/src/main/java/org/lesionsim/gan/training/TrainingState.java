package org.lesionsim.gan.training;

import java.util.List;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.GeneratorConfig;

/**
 * {@code training_state.json} of a checkpoint: everything besides tensors that the next step
 * depends on. Randomness is derived from (seed, step), so the seed and step are the whole RNG state.
 *
 * @param format            file format version
 * @param step              minibatches done ({@code batch_idx})
 * @param nimg              real images shown ({@code cur_nimg})
 * @param tick              ticks completed
 * @param tickStartNimg     {@code nimg} at the start of the current tick
 * @param augmentP          ADA strength
 * @param pendingRealLogits D's real logits of minibatches since the last ADA adjustment
 * @param plMean            running mean path length
 * @param gAdamSteps        generator optimiser step count
 * @param dAdamSteps        discriminator optimiser step count
 * @param datasetHash       {@link ImageDataset#contentHash()} of the data trained on
 * @param mirror            whether the data set was x-flip doubled ({@code --mirror}); null in
 *                          snapshots written before it was recorded
 */
public record TrainingState(
        int format, long step, long nimg, int tick, long tickStartNimg, double augmentP,
        List<float[]> pendingRealLogits, double plMean, long gAdamSteps, long dAdamSteps,
        String datasetHash, TrainingOptions options, GeneratorConfig generator, DiscriminatorConfig discriminator,
        Boolean mirror) {
    public static final int FORMAT = 1;
}
