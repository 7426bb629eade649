package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Z to W ({@code networks.py: MappingNetwork}, unconditional): normalise the second moment of z,
 * apply {@code num_layers} lrelu fully connected layers with learning-rate multiplier 0.01, track
 * the moving average {@code w_avg} during training, broadcast to {@code num_ws} copies and
 * optionally truncate towards {@code w_avg}. Input {@code [N, z_dim]}, output {@code [N, num_ws, w_dim]}.
 */
public final class MappingNetwork {
    private final List<FullyConnectedLayer> layers = new ArrayList<>();
    private final NDArray wAvg;
    private final int numWs;
    private final double wAvgBeta;

    public MappingNetwork(StateDict params, String name, int zDim, int wDim, int numWs, int numLayers,
            double lrMultiplier, double wAvgBeta) {
        this.numWs = numWs;
        this.wAvgBeta = wAvgBeta;
        for (int idx = 0; idx < numLayers; idx++) {
            int in = idx == 0 ? zDim : wDim;
            layers.add(new FullyConnectedLayer(params, name + ".fc" + idx, in, wDim,
                    FullyConnectedLayer.options().activation(ActivationFunction.LRELU).lrMultiplier(lrMultiplier)));
        }
        this.wAvg = params.buffer(name + ".w_avg", new Shape(wDim), StateDict.Init.constant(0));
    }

    /**
     * @param truncationPsi    1 = no truncation; {@code w_avg + psi * (w - w_avg)} otherwise
     * @param truncationCutoff truncate only the first this many ws, {@code null} = all
     * @param updateWAvg       training: move {@code w_avg} towards this batch's mean W (no gradient)
     */
    public NDArray forward(NDArray z, double truncationPsi, Integer truncationCutoff, boolean updateWAvg) {
        NDArray x = normalize2ndMoment(z);
        for (FullyConnectedLayer layer : layers) {
            x = layer.forward(x);
        }

        if (updateWAvg) {
            // w_avg <- lerp(mean_batch(w), w_avg, beta)
            NDArray batchMean = x.stopGradient().mean(new int[] {0});
            NDArray moved = batchMean.add(StepArrays.mul(StepArrays.view(x, wAvg).sub(batchMean), wAvgBeta));
            wAvg.set(moved.toType(wAvg.getDataType(), false).toFloatArray());
        }

        x = x.expandDims(1).tile(new long[] {1, numWs, 1});

        if (truncationPsi != 1.0) {
            NDArray avg = StepArrays.view(x, wAvg);
            if (truncationCutoff == null || truncationCutoff >= numWs) {
                x = lerp(avg, x, truncationPsi);
            } else {
                NDArray head = lerp(avg, x.get(":, :{}", truncationCutoff), truncationPsi);
                x = head.concat(x.get(":, {}:", truncationCutoff), 1);
            }
        }
        return x;
    }

    /** {@code x * rsqrt(mean(x^2, dim=1) + 1e-8)}. */
    static NDArray normalize2ndMoment(NDArray x) {
        NDArray meanSquare = x.square().mean(new int[] {1}, true);
        return x.mul(StepArrays.rsqrt(StepArrays.add(meanSquare, 1e-8)));
    }

    /** {@code torch.lerp(a, b, t) = a + t * (b - a)}. */
    private static NDArray lerp(NDArray a, NDArray b, double t) {
        return StepArrays.mul(b.sub(a), t).add(a);
    }

    /** The tracked average W, {@code [w_dim]} (a buffer, not a copy). */
    public NDArray wAvg() {
        return wAvg;
    }

    public List<FullyConnectedLayer> layers() {
        return List.copyOf(layers);
    }
}
