package org.lesionsim.gan.augment;

/**
 * ADA's feedback loop ({@code training/training_loop.py}, {@code ada_target}): the overfitting
 * heuristic {@code r_t = E[sign(D(real))]} is averaged over {@code interval} minibatches; then
 * {@code p} moves by {@code sign(r_t - target) * batch * interval / (kimg * 1000)}, never below 0,
 * so p can go from 0 to 1 in {@code kimg} thousand images.
 */
public final class AdaptiveStrength {
    private final AugmentPipe pipe;
    private final double target;
    private final int interval;
    private final double kimg;
    private double signSum;
    private long signCount;
    private int batches;

    /**
     * @param target   0.6 in the reference
     * @param interval minibatches between adjustments (4)
     * @param kimg     thousands of images for p to move by 1 (500)
     */
    public AdaptiveStrength(AugmentPipe pipe, double target, int interval, double kimg) {
        if (interval < 1 || !(kimg > 0)) {
            throw new IllegalArgumentException("interval >= 1 and kimg > 0 required");
        }
        this.pipe = pipe;
        this.target = target;
        this.interval = interval;
        this.kimg = kimg;
    }

    /** Reference settings: target 0.6, every 4 minibatches, 500 kimg. */
    public static AdaptiveStrength reference(AugmentPipe pipe) {
        return new AdaptiveStrength(pipe, 0.6, 4, 500);
    }

    /**
     * Records the discriminator's logits on one minibatch of real images; every {@code interval}
     * minibatches adjusts the pipe's p.
     *
     * @return the heuristic r_t when p was adjusted, else NaN
     */
    public double observeRealLogits(float[] realLogits) {
        for (float logit : realLogits) {
            signSum += Math.signum(logit);
        }
        signCount += realLogits.length;
        batches++;
        if (batches < interval) {
            return Double.NaN;
        }
        double rt = signSum / signCount;
        double batchSize = (double) signCount / batches;
        double adjust = Math.signum(rt - target) * batchSize * interval / (kimg * 1000);
        pipe.setP(Math.max(pipe.p() + adjust, 0));
        signSum = 0;
        signCount = 0;
        batches = 0;
        return rt;
    }
}
