package org.lesionsim.metrics.lpips;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lesionsim.metrics.NativeScalars;
import org.lesionsim.metrics.PlanarImage;

/**
 * LPIPS v0.1 (Zhang et al. 2018, richzhang/PerceptualSimilarity {@code lpips.LPIPS.forward}): images
 * in [−1, 1] are shifted and scaled per channel, passed through a backbone, and for each tapped
 * layer the features are unit-normalised over channels, differenced, squared, weighted by the
 * learned non-negative 1×1 "lin" layer, averaged over space; the layers' values are summed.
 * Inputs are not resized (the reference does not). Weights come from a safetensors file
 * ({@link #load}); this class never runs on untrained weights.
 *
 * <p>One forward for both uses: {@link #forward} stays in the caller's autograd graph (the encoder's
 * training loss), {@link #distance} and {@link #distances} copy their inputs out of it (the metric).
 * Scalars are native arrays ({@link NativeScalars}), as a graph needs.
 */
public final class LpipsDistance implements AutoCloseable {
    /** ScalingLayer: (x − shift) / scale, the ImageNet statistics mapped to [−1, 1]. */
    static final float[] SHIFT = {-.030f, -.088f, -.188f};
    static final float[] SCALE = {.458f, .448f, .450f};
    /** normalize_tensor's eps. */
    static final float EPS = 1e-10f;

    private final NDManager manager;
    private final Function<NDArray, NDList> features;
    private final List<NDArray> lins;

    /**
     * A distance on any feature extractor (tests use a tiny one): {@code features} maps the scaled
     * [N, 3, H, W] batch to the tapped maps; {@code lins.get(k)} is [1, C_k, 1, 1]. Takes ownership
     * of {@code manager}, which must hold the weights.
     */
    LpipsDistance(NDManager manager, Function<NDArray, NDList> features, List<NDArray> lins) {
        this.manager = manager;
        this.features = features;
        this.lins = List.copyOf(lins);
    }

    /**
     * Loads the official weights for {@code backbone} from a file written by
     * {@code tools/export_lpips_weights.py}. Weights live on a sub-manager of {@code parent}, closed by
     * {@link #close()}.
     *
     * @throws IllegalArgumentException naming the tensor when one is missing or has the wrong shape
     */
    public static LpipsDistance load(Path safetensors, Backbone backbone, NDManager parent) throws IOException {
        NDManager owned = parent.newSubManager();
        try {
            Map<String, NDArray> weights = LpipsWeightFile.read(safetensors, backbone, owned);
            List<NDArray> lins = new ArrayList<>();
            for (int k = 0; k < backbone.tapChannels().size(); k++) {
                lins.add(weights.get(LpipsWeightFile.linName(k)));
            }
            return new LpipsDistance(owned, new FeatureNetwork(backbone.layers(), weights), lins);
        } catch (IOException | RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    /** LPIPS between two RGB images in [0, 1] of the same size (mapped to [−1, 1] as {@code normalize=True}). */
    public double distance(PlanarImage a, PlanarImage b) {
        requireRgbPair(a, b);
        try (NDManager step = manager.newSubManager()) {
            Shape shape = new Shape(1, 3, a.height(), a.width());
            NDArray in0 = step.create(a.values(), shape).mul(2f).sub(1f);
            NDArray in1 = step.create(b.values(), shape).mul(2f).sub(1f);
            return forward(in0, in1).getFloat(0);
        }
    }

    /** LPIPS per pair of two [N, 3, H, W] batches in [−1, 1] (the reference's input convention). */
    public float[] distances(NDArray in0, NDArray in1) {
        requireBatchPair(in0, in1);
        try (NDManager step = manager.newSubManager()) {
            // copies on the step manager, so every intermediate is freed with it
            NDArray x0 = step.create(in0.toFloatArray(), in0.getShape());
            NDArray x1 = step.create(in1.toFloatArray(), in1.getShape());
            return forward(x0, x1).toFloatArray();
        }
    }

    /**
     * lpips.LPIPS.forward with lpips=True, spatial=False, differentiable in both inputs: two
     * [N, 3, H, W] batches in [−1, 1] → [N] distances on {@code in0}'s manager.
     */
    public NDArray forward(NDArray in0, NDArray in1) {
        requireBatchPair(in0, in1);
        NDList outs0 = features.apply(scale(in0));
        NDList outs1 = features.apply(scale(in1));
        if (outs0.size() != lins.size()) {
            throw new IllegalStateException(outs0.size() + " feature maps for " + lins.size() + " lin layers");
        }
        NDArray value = null;
        for (int k = 0; k < lins.size(); k++) {
            NDArray diff = normalizeTensor(outs0.get(k)).sub(normalizeTensor(outs1.get(k))).square();
            NDArray weighted = Conv2d.conv2d(diff, lins.get(k)).singletonOrThrow();
            NDArray layer = spatialAverage(weighted);
            value = value == null ? layer : value.add(layer);
        }
        return value;
    }

    private static NDArray scale(NDArray x) {
        NDManager m = x.getManager();
        NDArray shift = m.create(SHIFT, new Shape(1, 3, 1, 1));
        NDArray scale = m.create(SCALE, new Shape(1, 3, 1, 1));
        return x.sub(shift).div(scale);
    }

    /** x / (‖x‖₂ over channels + eps), per pixel. */
    private static NDArray normalizeTensor(NDArray x) {
        NDArray norm = x.square().sum(new int[] {1}, true).sqrt();
        return x.div(NativeScalars.add(norm, EPS));
    }

    /** Mean over H and W of [N, 1, H, W] → [N] (multi-axis mean throws in DJL: sum and scale). */
    private static NDArray spatialAverage(NDArray x) {
        long pixels = x.getShape().get(2) * x.getShape().get(3);
        return x.sum(new int[] {1, 2, 3}).div(NativeScalars.of(x, pixels));
    }

    private static void requireBatchPair(NDArray in0, NDArray in1) {
        if (!in0.getShape().equals(in1.getShape()) || in0.getShape().dimension() != 4 || in0.getShape().get(1) != 3) {
            throw new IllegalArgumentException("LPIPS needs two [N, 3, H, W] batches of one shape, got "
                    + in0.getShape() + " and " + in1.getShape());
        }
    }

    private static void requireRgbPair(PlanarImage a, PlanarImage b) {
        if (a.channels() != 3 || b.channels() != 3 || a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException("LPIPS needs two RGB images of one size, got " + a.channels() + "×"
                    + a.height() + "×" + a.width() + " and " + b.channels() + "×" + b.height() + "×" + b.width());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
