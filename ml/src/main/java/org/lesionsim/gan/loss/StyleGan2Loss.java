package org.lesionsim.gan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.lesionsim.gan.Discriminator;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.gan.augment.AugmentPipe;

/**
 * The StyleGAN2 loss by phase, to be read beside {@code training/loss.py: StyleGAN2Loss}: one method
 * per phase of {@code accumulate_gradients} ({@link #gmain}, {@link #greg}, {@link #dmain}, {@link
 * #dreg}), each running its forward pass in its own gradient collector and backpropagating its loss
 * times {@code gain} into the parameters that require gradients. Which phase runs when, which
 * network is trainable, the optimiser steps, EMA and ADA are the training loop's.
 *
 * <p>Randomness comes from the step's Java stream in the order the phases draw it (latents, style
 * mixing, augmentation), and from libtorch's reseeded generator (noise): a resumed run repeats it.
 */
public final class StyleGan2Loss {
    /** {@code pl_batch_shrink}: path length runs on this fraction of the batch. */
    public static final int PL_BATCH_SHRINK = 2;

    private final Generator generator;
    private final Discriminator discriminator;
    private final AugmentPipe augmentPipe;
    private final StyleMixing styleMixing;
    private final R1Penalty r1;
    private final PathLengthPenalty pathLength;

    /**
     * @param augmentPipe {@code augment_pipe}, null for none
     * @param styleMixing {@code style_mixing_prob}
     * @param r1          {@code r1_gamma}
     * @param pathLength  {@code pl_weight}, {@code pl_decay} and the running {@code pl_mean}
     */
    public StyleGan2Loss(Generator generator, Discriminator discriminator, AugmentPipe augmentPipe,
            StyleMixing styleMixing, R1Penalty r1, PathLengthPenalty pathLength) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.augmentPipe = augmentPipe;
        this.styleMixing = styleMixing;
        this.r1 = r1;
        this.pathLength = pathLength;
    }

    /** {@code run_G}: {@code n} latents from the step's stream, mapping with style mixing, synthesis with random noise. */
    private Generated runG(NDManager step, int n, Random random) {
        NDArray ws = styleMixing.mappingWithMixing(generator, generator.latents(step, n, random), random);
        return new Generated(generator.synthesis(ws, NoiseMode.RANDOM), ws);
    }

    /** {@code run_D}: augment (if augmenting), then D's logits {@code [N, 1]}. */
    private NDArray runD(NDArray img, Random random) {
        return discriminator.forward(augmentPipe == null ? img : augmentPipe.forward(img, random));
    }

    /**
     * {@code Gmain}: maximise D's logits for generated images.
     *
     * @return {@code loss_Gmain} averaged over the batch, before the gain ({@code Loss/G/loss})
     */
    public float gmain(NDManager step, int batch, Random random, double gain) {
        try (GradientCollector collector = step.getEngine().newGradientCollector()) {
            NDArray genLogits = runD(runG(step, batch, random).img(), random);
            NDArray lossGmain = NonSaturatingLogisticLoss.generator(genLogits).mean();
            collector.backward(StepArrays.mul(lossGmain, gain));
            return lossGmain.getFloat();
        }
    }

    /**
     * {@code Greg} ({@code Gpl}): path length regularisation on {@code batch / pl_batch_shrink}
     * fresh latents; moves {@code pl_mean}.
     */
    public void greg(NDManager step, int batch, Random random, double gain) {
        try (GradientCollector collector = step.getEngine().newGradientCollector()) {
            Generated gen = runG(step, Math.max(batch / PL_BATCH_SHRINK, 1), random);
            NDArray lossGpl = pathLength.evaluate(gen.img(), gen.ws());
            collector.backward(StepArrays.mul(lossGpl.mean(), gain));
        }
    }

    /**
     * {@code Dmain}: minimise D's logits for generated images ({@code Dgen}) and maximise them for
     * real ones ({@code Dreal}), in separate D passes (minibatch stddev must not mix them). G's
     * images are made before the collector (G is frozen in this phase); the two losses are summed
     * and backpropagated once, where the reference calls backward twice.
     *
     * @return {@code loss_Dgen + loss_Dreal} averaged, before the gain ({@code Loss/D/loss}), and
     *     D's logits on the real images ({@code Loss/signs/real}, ADA's feedback)
     */
    public DmainReport dmain(NDManager step, int batch, NDArray realImg, Random random, double gain) {
        NDArray genImg = runG(step, batch, random).img();
        try (GradientCollector collector = step.getEngine().newGradientCollector()) {
            NDArray lossDgen = NonSaturatingLogisticLoss.discriminatorFake(runD(genImg, random));
            NDArray realLogits = runD(realImg, random);
            NDArray lossD = lossDgen.mean().add(NonSaturatingLogisticLoss.discriminatorReal(realLogits).mean());
            collector.backward(StepArrays.mul(lossD, gain));
            return new DmainReport(lossD.getFloat(), realLogits.toFloatArray());
        }
    }

    /**
     * {@code Dreg} ({@code Dr1}): R1 on the (augmented) real images.
     *
     * @return the R1 penalty averaged over the batch, before the gain ({@code Loss/D/reg})
     */
    public float dreg(NDArray realImg, Random random, double gain) {
        try (GradientCollector collector = realImg.getManager().getEngine().newGradientCollector()) {
            NDArray lossDr1 = r1.evaluate(x -> runD(x, random), realImg).penalty().mean();
            collector.backward(StepArrays.mul(lossDr1, gain));
            return lossDr1.getFloat();
        }
    }

    /** What {@link #dmain} reports. */
    public record DmainReport(float loss, float[] realLogits) {
    }

    private record Generated(NDArray img, NDArray ws) {
    }
}
