package org.lesionsim.gan.loss;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.lesionsim.gan.StepArrays;

/**
 * R1 regularisation of the discriminator ({@code training/loss.py}, phase {@code Dr1}):
 * {@code gamma / 2 * ||d D(x) / d x||^2} per real image, with the gradient taken with
 * {@code create_graph=True} so that backpropagating the penalty reaches D's parameters exactly
 * (double backprop, see {@link AutogradGrad}).
 *
 * <p>Lazy regularisation: the reference evaluates it every {@code interval} (16) minibatches and
 * scales it by the interval; the optimiser of D then uses {@code lr * c} and {@code beta^c} with
 * {@code c = interval / (interval + 1)}. Both are the training loop's business; this class computes
 * the per-image penalty.
 */
public final class R1Penalty {
    private final AutogradGrad autograd;
    private final double gamma;

    /** @param gamma R1 weight ({@code r1_gamma}: 1 for paper256, 0.5 for paper512, {@code 0.0002 res^2 / batch} for auto) */
    public R1Penalty(AutogradGrad autograd, double gamma) {
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("gamma must be >= 0, got " + gamma);
        }
        this.autograd = autograd;
        this.gamma = gamma;
    }

    /**
     * Runs D on detached real images that require gradient; call inside a gradient collector.
     *
     * @param discriminator images (augmented inside, if augmenting) to logits {@code [N, 1]}
     * @param realImages    {@code [N, C, H, W]}
     * @return the logits and the penalty per image {@code [N]}; backprop {@code penalty.mean() * gain}
     */
    public Result evaluate(UnaryOperator<NDArray> discriminator, NDArray realImages) {
        NDArray x = realImages.stopGradient();
        x.setRequiresGradient(true);
        NDArray logits = discriminator.apply(x);
        NDArray grads = autograd.grad(logits.sum(), x);
        NDArray r1 = grads.square().sum(new int[] {1, 2, 3});
        return new Result(logits, StepArrays.mul(r1, gamma / 2));
    }

    public double gamma() {
        return gamma;
    }

    /** D's logits on the real images and the penalty {@code gamma/2 * ||grad||^2} per image. */
    public record Result(NDArray realLogits, NDArray penalty) {
    }
}
