package org.lesionsim.gan.training;

import java.nio.file.Path;

/** Receives the training loop's progress (the trainer worker publishes it as {@code training.progress}). */
public interface TrainingListener {
    /** One tick of {@code kimgPerTick}: losses are means over the tick's minibatches. */
    void onTick(TickReport report);

    /** A checkpoint directory was written completely. */
    default void onSnapshot(Path checkpointDir, TickReport report) {
    }

    /**
     * @param tick        tick number, from 1
     * @param kimg        thousands of real images shown so far
     * @param secPerKimg  wall seconds per thousand images during this tick
     * @param lossG       mean Gmain loss (softplus(-D(G(z))))
     * @param lossD       mean Dmain loss (softplus(D(G(z))) + softplus(-D(x)))
     * @param r1          mean R1 penalty of the tick's Dreg phases (NaN if none ran)
     * @param augmentP    ADA strength p at the end of the tick
     */
    record TickReport(int tick, double kimg, double secPerKimg, double lossG, double lossD, double r1,
            double augmentP) {

        /** The reference's log line. */
        public String line() {
            return String.format(java.util.Locale.ROOT,
                    "tick %-5d kimg %-8.3f sec/kimg %-7.2f loss_G %-7.4f loss_D %-7.4f r1 %-8.4f augment %.3f",
                    tick, kimg, secPerKimg, lossG, lossD, r1, augmentP);
        }
    }
}
