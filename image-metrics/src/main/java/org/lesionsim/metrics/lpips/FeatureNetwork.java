package org.lesionsim.metrics.lpips;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A backbone's feature layers on loaded weights: takes the scaled image batch [N, 3, H, W] and
 * returns the tapped ReLU outputs, shallowest first. Outputs belong to the input's manager.
 */
final class FeatureNetwork implements Function<NDArray, NDList> {
    private final List<FeatureLayer> layers;
    private final Map<String, NDArray> weights;

    FeatureNetwork(List<FeatureLayer> layers, Map<String, NDArray> weights) {
        this.layers = List.copyOf(layers);
        this.weights = Map.copyOf(weights);
    }

    @Override
    public NDList apply(NDArray x) {
        NDList taps = new NDList();
        for (FeatureLayer layer : layers) {
            if (layer instanceof FeatureLayer.Conv c) {
                x = Conv2d.conv2d(x, weights.get(c.weightName()), weights.get(c.biasName()),
                        new Shape(c.stride(), c.stride()), new Shape(c.padding(), c.padding()), new Shape(1, 1), 1)
                        .singletonOrThrow();
            } else if (layer instanceof FeatureLayer.Relu r) {
                x = Activation.relu(x);
                if (r.tapped()) {
                    taps.add(x);
                }
            } else if (layer instanceof FeatureLayer.MaxPool p) {
                x = Pool.maxPool2d(x, new Shape(p.kernel(), p.kernel()), new Shape(p.stride(), p.stride()),
                        new Shape(0, 0), false);
            }
        }
        return taps;
    }
}
