package org.lesionsim.gan.training;

/**
 * Training hyper-parameters ({@code train.py: cfg_specs} and {@code training_loop.py} arguments); the
 * network architectures live in {@code GeneratorConfig} / {@code DiscriminatorConfig}.
 *
 * @param batch            images per minibatch ({@code batch_size})
 * @param gLr              generator Adam learning rate
 * @param dLr              discriminator Adam learning rate
 * @param beta1            Adam beta1 (0)
 * @param beta2            Adam beta2 (0.99)
 * @param r1Gamma          R1 weight ({@code r1_gamma})
 * @param r1Interval       lazy R1 every N minibatches ({@code D_reg_interval}, 16)
 * @param plWeight         path length weight, 0 = off
 * @param plInterval       lazy path length every N minibatches ({@code G_reg_interval}, 4)
 * @param styleMixingProb  probability of mixing two latents (0.9)
 * @param emaKimg          half-life of the G EMA in thousands of images
 * @param emaRampup        EMA half-life at most {@code cur_nimg * rampup}; null = no ramp-up
 * @param adaTarget        ADA overfitting target; null = no augmentation
 * @param adaInterval      minibatches between p adjustments (4)
 * @param adaKimg          thousands of images for p to move by 1 (500)
 * @param totalKimg        training length in thousands of images
 * @param kimgPerTick      progress report every this many thousand images (4)
 * @param snapshotTicks    checkpoint + sample grid every N ticks, 0 = only at the end
 * @param seed             seeds networks, latents, noise, augmentation and batch order
 * @param augpipe          ADA's pipeline ({@code --augpipe}): {@code bgc} (blit + geometric + colour, the
 *                         reference's default), {@code bc}, {@code blit}, {@code geom}; null reads as
 *                         {@code bc}, what snapshots written before this option trained with
 */
public record TrainingOptions(
        int batch, double gLr, double dLr, double beta1, double beta2,
        double r1Gamma, int r1Interval, double plWeight, int plInterval, double styleMixingProb,
        double emaKimg, Double emaRampup, Double adaTarget, int adaInterval, double adaKimg,
        double totalKimg, double kimgPerTick, int snapshotTicks, long seed, String augpipe) {

    public static final java.util.List<String> AUGPIPES = java.util.List.of("bgc", "bc", "blit", "geom");

    public TrainingOptions {
        if (batch < 1 || r1Interval < 1 || plInterval < 1 || adaInterval < 1 || snapshotTicks < 0) {
            throw new IllegalArgumentException("batch, intervals must be >= 1 and snapshotTicks >= 0");
        }
        if (!(gLr > 0 && dLr > 0 && r1Gamma >= 0 && plWeight >= 0 && emaKimg >= 0 && totalKimg > 0
                && kimgPerTick > 0 && adaKimg > 0)) {
            throw new IllegalArgumentException("learning rates, kimg must be positive; weights >= 0");
        }
        if (augpipe != null && !AUGPIPES.contains(augpipe)) {
            throw new IllegalArgumentException("augpipe must be one of " + AUGPIPES + ", got " + augpipe);
        }
    }

    /** The augmentation groups {@link #augpipe} names. */
    public org.lesionsim.gan.augment.AugmentConfig augmentConfig() {
        return switch (augpipe == null ? "bc" : augpipe) {
            case "bgc" -> org.lesionsim.gan.augment.AugmentConfig.bgc();
            case "blit" -> org.lesionsim.gan.augment.AugmentConfig.blit();
            case "geom" -> org.lesionsim.gan.augment.AugmentConfig.geometry();
            default -> org.lesionsim.gan.augment.AugmentConfig.blitAndColor();
        };
    }

    public TrainingOptions withAugpipe(String value) {
        return new TrainingOptions(batch, gLr, dLr, beta1, beta2, r1Gamma, r1Interval, plWeight, plInterval,
                styleMixingProb, emaKimg, emaRampup, adaTarget, adaInterval, adaKimg, totalKimg, kimgPerTick,
                snapshotTicks, seed, value);
    }

    /**
     * {@code cfg=auto} on one GPU: batch {@code min(4096 / res, 32)}, lr 0.0025 (0.002 at 1024),
     * gamma {@code 0.0002 res^2 / batch}, ema {@code batch * 10 / 32} kimg with ramp-up 0.05.
     */
    public static TrainingOptions auto(int resolution) {
        int batch = Math.max(Math.min(Math.min(4096 / resolution, 32), 64), 1);
        double lr = resolution >= 1024 ? 0.002 : 0.0025;
        return new TrainingOptions(batch, lr, lr, 0, 0.99, 0.0002 * resolution * resolution / batch, 16, 2, 4, 0.9,
                batch * 10 / 32.0, 0.05, 0.6, 4, 500, 25000, 4, 50, 0, "bgc");
    }

    /** {@code cfg=paper256}: batch 64, lr 0.0025, gamma 1, ema 20 kimg, no ramp-up. */
    public static TrainingOptions paper256() {
        return new TrainingOptions(64, 0.0025, 0.0025, 0, 0.99, 1, 16, 2, 4, 0.9, 20, null, 0.6, 4, 500, 25000, 4, 50, 0, "bgc");
    }

    /** {@code cfg=paper512}: batch 64, lr 0.0025, gamma 0.5, ema 20 kimg, no ramp-up. */
    public static TrainingOptions paper512() {
        return new TrainingOptions(64, 0.0025, 0.0025, 0, 0.99, 0.5, 16, 2, 4, 0.9, 20, null, 0.6, 4, 500, 25000, 4, 50, 0, "bgc");
    }

    /**
     * For 2 CPU cores: {@code auto}'s formulas at batch 8, no path length regularisation (its double
     * backprop through G costs more than the rest of a step), ticks of 1 kimg, 10 kimg in all.
     */
    public static TrainingOptions cpu(int resolution) {
        int batch = 8;
        return new TrainingOptions(batch, 0.0025, 0.0025, 0, 0.99, 0.0002 * resolution * resolution / batch, 16, 0, 4,
                0.9, batch * 10 / 32.0, 0.05, 0.6, 4, 500, 10, 1, 5, 0, "bgc");
    }

    /** The named preset: cpu, auto, paper256 or paper512. */
    public static TrainingOptions preset(String name, int resolution) {
        return switch (name) {
            case "cpu" -> cpu(resolution);
            case "auto" -> auto(resolution);
            case "paper256" -> paper256();
            case "paper512" -> paper512();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (cpu, auto, paper256, paper512)");
        };
    }

    public TrainingOptions withBatch(int value) {
        return new TrainingOptions(value, gLr, dLr, beta1, beta2, r1Gamma, r1Interval, plWeight, plInterval,
                styleMixingProb, emaKimg, emaRampup, adaTarget, adaInterval, adaKimg, totalKimg, kimgPerTick,
                snapshotTicks, seed, augpipe);
    }

    public TrainingOptions withTotalKimg(double value) {
        return new TrainingOptions(batch, gLr, dLr, beta1, beta2, r1Gamma, r1Interval, plWeight, plInterval,
                styleMixingProb, emaKimg, emaRampup, adaTarget, adaInterval, adaKimg, value, kimgPerTick,
                snapshotTicks, seed, augpipe);
    }

    public TrainingOptions withTicks(double kimgPerTickValue, int snapshotTicksValue) {
        return new TrainingOptions(batch, gLr, dLr, beta1, beta2, r1Gamma, r1Interval, plWeight, plInterval,
                styleMixingProb, emaKimg, emaRampup, adaTarget, adaInterval, adaKimg, totalKimg, kimgPerTickValue,
                snapshotTicksValue, seed, augpipe);
    }

    public TrainingOptions withRegularisation(double r1GammaValue, int r1IntervalValue, double plWeightValue,
            int plIntervalValue) {
        return new TrainingOptions(batch, gLr, dLr, beta1, beta2, r1GammaValue, r1IntervalValue, plWeightValue,
                plIntervalValue, styleMixingProb, emaKimg, emaRampup, adaTarget, adaInterval, adaKimg, totalKimg,
                kimgPerTick, snapshotTicks, seed, augpipe);
    }

    public TrainingOptions withAda(Double target, int interval, double kimg) {
        return new TrainingOptions(batch, gLr, dLr, beta1, beta2, r1Gamma, r1Interval, plWeight, plInterval,
                styleMixingProb, emaKimg, emaRampup, target, interval, kimg, totalKimg, kimgPerTick, snapshotTicks,
                seed, augpipe);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(batch, gLr, dLr, beta1, beta2, r1Gamma, r1Interval, plWeight, plInterval,
                styleMixingProb, emaKimg, emaRampup, adaTarget, adaInterval, adaKimg, totalKimg, kimgPerTick,
                snapshotTicks, value, augpipe);
    }
}
