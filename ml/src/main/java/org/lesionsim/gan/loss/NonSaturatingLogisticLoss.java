package org.lesionsim.gan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The StyleGAN2 adversarial loss ({@code training/loss.py: StyleGAN2Loss}), per image, from
 * discriminator logits {@code [N, 1]}; callers take the mean (times the phase's gain):
 * <ul>
 *   <li>G ({@code Gmain}): {@code softplus(-D(G(z))) = -log sigmoid(D(G(z)))}, non-saturating;</li>
 *   <li>D ({@code Dmain}): {@code softplus(D(G(z))) + softplus(-D(x))}.</li>
 * </ul>
 */
public final class NonSaturatingLogisticLoss {
    private NonSaturatingLogisticLoss() {
    }

    /** {@code softplus(-fake_logits)}: the generator wants its images called real. */
    public static NDArray generator(NDArray fakeLogits) {
        return Activation.softPlus(fakeLogits.neg());
    }

    /** {@code softplus(fake_logits)}: D pushes generated images towards "fake". */
    public static NDArray discriminatorFake(NDArray fakeLogits) {
        return Activation.softPlus(fakeLogits);
    }

    /** {@code softplus(-real_logits)}: D pushes real images towards "real". */
    public static NDArray discriminatorReal(NDArray realLogits) {
        return Activation.softPlus(realLogits.neg());
    }
}
