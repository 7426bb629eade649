package org.lesionsim.metrics.lpips;

/**
 * One entry of a torchvision {@code features} sequence. The index is the entry's position in that
 * sequence, so a convolution's weights are {@code features.<index>.weight} and {@code .bias}.
 */
sealed interface FeatureLayer {

    /** {@code nn.Conv2d(in, out, kernel, stride, padding)} with bias. */
    record Conv(int index, int in, int out, int kernel, int stride, int padding) implements FeatureLayer {
        String weightName() {
            return "features." + index + ".weight";
        }

        String biasName() {
            return "features." + index + ".bias";
        }
    }

    /** {@code nn.ReLU}; LPIPS reads the features after a tapped ReLU. */
    record Relu(int index, boolean tapped) implements FeatureLayer {
    }

    /** {@code nn.MaxPool2d(kernel, stride)}, no padding, floor mode. */
    record MaxPool(int index, int kernel, int stride) implements FeatureLayer {
    }
}
