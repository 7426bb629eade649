package org.lesionsim.encoder;

/**
 * Options of {@link EncoderTraining}, named after e4e's {@code options/train_options.py}.
 *
 * @param batch              images per step ({@code batch_size}, 8 in e4e)
 * @param lr                 encoder Adam learning rate ({@code learning_rate}, 1e-4)
 * @param l2Lambda           weight of the pixel L2 ({@code l2_lambda}, 1.0)
 * @param perceptualLambda   weight of LPIPS or 1 - MS-SSIM ({@code lpips_lambda}, 0.8)
 * @param deltaLambda        weight of the delta regulariser {@code sum_i ||delta_i||_2} ({@code delta_norm_lambda}, 2e-4)
 * @param adversarialLambda  weight of the latent adversarial loss ({@code w_discriminator_lambda}, 0.1), 0 = off
 * @param adversarialStart   step from which the latent discriminator trains and its loss counts
 * @param discriminatorLr    latent discriminator Adam learning rate ({@code w_discriminator_lr}, 2e-5)
 * @param r1Gamma            R1 weight on real w ({@code r1}, 10)
 * @param r1Interval         lazy R1 every this many steps ({@code d_reg_every}, 16)
 * @param progressiveStart   step that opens delta 1 ({@code progressive_start}, 20000)
 * @param progressiveEvery   steps between opening further deltas ({@code progressive_step_every}, 2000)
 * @param realImageEvery     every k-th step trains on real images when a data set is given (0 = never)
 * @param latentLambda       weight of {@code mse(W+, true W+)} on generated images; not part of e4e (0 there):
 *                           the true latent of a generated image is known, and this pins the ws the image
 *                           barely depends on, which pixel losses leave free
 * @param seed               seed of weights and of every step's randomness
 */
public record EncoderTrainingOptions(
        int batch, double lr, double l2Lambda, double perceptualLambda, double deltaLambda,
        double adversarialLambda, long adversarialStart, double discriminatorLr, double r1Gamma, int r1Interval,
        long progressiveStart, long progressiveEvery, int realImageEvery, double latentLambda, long seed) {

    public EncoderTrainingOptions {
        if (batch < 1 || !(lr > 0) || r1Interval < 1 || progressiveEvery < 1 || realImageEvery < 0 || progressiveStart < 0) {
            throw new IllegalArgumentException("invalid encoder training options: " + batch + ", " + lr + ", " + r1Interval
                    + ", " + progressiveEvery + ", " + realImageEvery);
        }
    }

    /** e4e's defaults, batch 4 for 2 CPU cores. */
    public static EncoderTrainingOptions e4eDefaults() {
        return new EncoderTrainingOptions(4, 1e-4, 1.0, 0.8, 2e-4, 0.1, 0, 2e-5, 10, 16, 20000, 2000, 0, 0, 1);
    }

    /**
     * The progressive stage at {@code step}: 0 (w only) before {@code progressiveStart}, then one more
     * delta every {@code progressiveEvery} steps, at most {@code numWs - 1} (every delta).
     */
    public int progressiveStage(long step, int numWs) {
        if (step < progressiveStart) {
            return 0;
        }
        return (int) Math.min(numWs - 1, 1 + (step - progressiveStart) / progressiveEvery);
    }

    public EncoderTrainingOptions withBatch(int value) {
        return new EncoderTrainingOptions(value, lr, l2Lambda, perceptualLambda, deltaLambda, adversarialLambda,
                adversarialStart, discriminatorLr, r1Gamma, r1Interval, progressiveStart, progressiveEvery, realImageEvery, latentLambda, seed);
    }

    public EncoderTrainingOptions withLr(double value) {
        return new EncoderTrainingOptions(batch, value, l2Lambda, perceptualLambda, deltaLambda, adversarialLambda,
                adversarialStart, discriminatorLr, r1Gamma, r1Interval, progressiveStart, progressiveEvery, realImageEvery, latentLambda, seed);
    }

    public EncoderTrainingOptions withProgressive(long start, long every) {
        return new EncoderTrainingOptions(batch, lr, l2Lambda, perceptualLambda, deltaLambda, adversarialLambda,
                adversarialStart, discriminatorLr, r1Gamma, r1Interval, start, every, realImageEvery, latentLambda, seed);
    }

    public EncoderTrainingOptions withAdversarial(double lambda, long start) {
        return new EncoderTrainingOptions(batch, lr, l2Lambda, perceptualLambda, deltaLambda, lambda,
                start, discriminatorLr, r1Gamma, r1Interval, progressiveStart, progressiveEvery, realImageEvery, latentLambda, seed);
    }

    public EncoderTrainingOptions withRealImageEvery(int value) {
        return new EncoderTrainingOptions(batch, lr, l2Lambda, perceptualLambda, deltaLambda, adversarialLambda,
                adversarialStart, discriminatorLr, r1Gamma, r1Interval, progressiveStart, progressiveEvery, value, latentLambda, seed);
    }

    public EncoderTrainingOptions withLatentLambda(double value) {
        return new EncoderTrainingOptions(batch, lr, l2Lambda, perceptualLambda, deltaLambda, adversarialLambda,
                adversarialStart, discriminatorLr, r1Gamma, r1Interval, progressiveStart, progressiveEvery, realImageEvery, value, seed);
    }

    public EncoderTrainingOptions withSeed(long value) {
        return new EncoderTrainingOptions(batch, lr, l2Lambda, perceptualLambda, deltaLambda, adversarialLambda,
                adversarialStart, discriminatorLr, r1Gamma, r1Interval, progressiveStart, progressiveEvery, realImageEvery, latentLambda, value);
    }
}
