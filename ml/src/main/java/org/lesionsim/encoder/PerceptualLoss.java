package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.metrics.lpips.LpipsConfiguration;

/**
 * The perceptual term of the encoder loss, differentiable: LPIPS when weights are configured
 * ({@code coach.py: lpips_loss}), else {@code 1 - MS-SSIM} (LPIPS weights may be "not configured"
 * on a machine; the checkpoint records which one trained it). In: {@code [N, 3, H, W]} reconstruction
 * and target in [-1, 1]. Out: per-image loss {@code [N]}.
 */
public interface PerceptualLoss extends AutoCloseable {

    NDArray loss(NDArray reconstruction, NDArray target);

    /** What was used, for the checkpoint ({@code lpips(alex)} or {@code 1-ms-ssim(scales=3, ...)}). */
    String describe();

    @Override
    default void close() {
    }

    /** LPIPS when {@code lpips} is {@link LpipsConfiguration.Configured}, else 1 - MS-SSIM for {@code side}. */
    static PerceptualLoss choose(LpipsConfiguration lpips, int side, NDManager parent) throws IOException {
        if (lpips instanceof LpipsConfiguration.Configured configured) {
            return LpipsLoss.load(configured.weights(), configured.backbone(), parent);
        }
        return msSsim(side);
    }

    /** {@code 1 - MS-SSIM} with the scales that fit {@code side}. */
    static PerceptualLoss msSsim(int side) {
        DifferentiableMsSsim msSsim = DifferentiableMsSsim.forSide(side);
        return new PerceptualLoss() {
            @Override
            public NDArray loss(NDArray reconstruction, NDArray target) {
                return StepArrays.add(msSsim.compute(reconstruction, target).neg(), 1.0);
            }

            @Override
            public String describe() {
                return "1-" + msSsim.describe();
            }
        };
    }
}
