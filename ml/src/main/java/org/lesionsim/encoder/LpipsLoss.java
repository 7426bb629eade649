package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.lesionsim.metrics.lpips.Backbone;
import org.lesionsim.metrics.lpips.LpipsDistance;

/**
 * LPIPS as the encoder's perceptual term ({@code coach.py: lpips_loss}): the metric's own forward
 * ({@link LpipsDistance#forward}), which stays in the autograd graph, on the weight file written by
 * {@code tools/export_lpips_weights.py}. In: {@code [N, 3, H, W]} in [-1, 1]. Out: {@code [N]}.
 */
final class LpipsLoss implements PerceptualLoss {
    private final LpipsDistance lpips;
    private final Backbone backbone;

    private LpipsLoss(LpipsDistance lpips, Backbone backbone) {
        this.lpips = lpips;
        this.backbone = backbone;
    }

    static LpipsLoss load(Path file, Backbone backbone, NDManager parent) throws IOException {
        return new LpipsLoss(LpipsDistance.load(file, backbone, parent), backbone);
    }

    @Override
    public NDArray loss(NDArray reconstruction, NDArray target) {
        return lpips.forward(reconstruction, target);
    }

    @Override
    public String describe() {
        return "lpips(" + backbone.lpipsName() + ")";
    }

    @Override
    public void close() {
        lpips.close();
    }
}
