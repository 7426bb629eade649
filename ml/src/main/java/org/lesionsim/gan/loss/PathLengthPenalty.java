package org.lesionsim.gan.loss;

import ai.djl.ndarray.NDArray;
import org.lesionsim.gan.StepArrays;

/**
 * Path length regularisation of the generator ({@code training/loss.py}, phase {@code Greg}):
 * for images {@code g(w)} and Gaussian image-space noise {@code y / sqrt(H W)}, the path length is
 * {@code a = ||J_w^T y||} ({@code sqrt(mean over ws of the squared norm over w_dim)}); the penalty
 * {@code weight * (a - mean_a)^2} pulls it towards its running mean ({@code pl_mean}, decay 0.01).
 * The Jacobian-vector product is taken with {@code create_graph=True} so the penalty backpropagates
 * into G (see {@link AutogradGrad}). The reference evaluates it lazily (every 4 minibatches, gain 4)
 * on half the batch ({@code pl_batch_shrink = 2}); see {@link StyleGan2Loss#greg}.
 */
public final class PathLengthPenalty {
    private final AutogradGrad autograd;
    private final double weight;
    private final double decay;
    private double plMean;

    /** @param weight {@code pl_weight} (2 in every reference config but cifar); @param decay {@code pl_decay} (0.01) */
    public PathLengthPenalty(AutogradGrad autograd, double weight, double decay) {
        this.autograd = autograd;
        this.weight = weight;
        this.decay = decay;
    }

    /**
     * Draws the image-space noise, moves {@code pl_mean} towards this batch's mean length and returns
     * the penalty per image {@code [N]}. Call inside a gradient collector with {@code images =
     * synthesis(ws)}; backprop {@code penalty.mean() * gain}.
     */
    public NDArray evaluate(NDArray images, NDArray ws) {
        NDArray noise = images.getManager().randomNormal(0, 1, images.getShape(), images.getDataType());
        NDArray lengths = pathLengths(images, ws, noise);
        double batchMean = lengths.mean().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        plMean = plMean + decay * (batchMean - plMean); // lerp(pl_mean, mean, decay), detached
        NDArray deviation = StepArrays.add(lengths, -plMean);
        return StepArrays.mul(deviation.square(), weight);
    }

    /**
     * {@code sqrt(mean_ws(sum_wdim(grad^2)))} with {@code grad = d sum(images * noise / sqrt(H W)) / d ws},
     * differentiable: {@code [N]}.
     */
    public NDArray pathLengths(NDArray images, NDArray ws, NDArray noise) {
        long h = images.getShape().get(2);
        long w = images.getShape().get(3);
        NDArray projected = images.mul(StepArrays.mul(noise, 1 / Math.sqrt((double) h * w))).sum();
        NDArray grads = autograd.grad(projected, ws);                   // [N, num_ws, w_dim]
        return grads.square().sum(new int[] {2}).mean(new int[] {1}).sqrt();
    }

    /** The running mean path length ({@code pl_mean}); 0 before the first evaluation. */
    public double plMean() {
        return plMean;
    }

    /** Sets {@code pl_mean}, as saved in a checkpoint, so a resumed run goes on from it. */
    public void resumePlMean(double plMean) {
        this.plMean = plMean;
    }
}
