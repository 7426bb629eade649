package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;

/**
 * {@code torch.nn.Conv2d} as the e4e encoder (and the lesion classifier) use it: stored weights used as they are (no
 * equalised learning rate), PyTorch's default initialisation {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}
 * for weight and bias. Input {@code [N, in, H, W]}, output {@code [N, out, H', W']}.
 */
public final class PlainConv2d {
    private final NDArray weight;
    private final NDArray bias;
    private final int stride;
    private final int padding;

    /**
     * @param name state-dict prefix, e.g. {@code body.0.res_layer.1} ({@code .weight}, {@code .bias} follow)
     * @param options e.g. {@code kernel(3).stride(2).padding(1)}
     */
    public PlainConv2d(StateDict params, String name, int in, int out, Options options) {
        int kernel = options.kernelSize();
        double bound = 1.0 / Math.sqrt((double) in * kernel * kernel);
        this.weight = params.parameter(name + ".weight", new Shape(out, in, kernel, kernel), uniform(bound));
        this.bias = options.bias() ? params.parameter(name + ".bias", new Shape(out), uniform(bound)) : null;
        this.stride = options.stride();
        this.padding = options.padding();
    }

    /** A square {@code kernel_size} with torch's defaults: {@code stride=1, padding=0, bias=True}. */
    public static Options kernel(int kernelSize) {
        return new Options(kernelSize, 1, 0, true);
    }

    /** {@code nn.Conv2d}'s keyword arguments {@code kernel_size}, {@code stride}, {@code padding}, {@code bias}. */
    public record Options(int kernelSize, int stride, int padding, boolean bias) {
        public Options stride(int stride) {
            return new Options(kernelSize, stride, padding, bias);
        }

        public Options padding(int padding) {
            return new Options(kernelSize, stride, padding, bias);
        }

        public Options bias(boolean bias) {
            return new Options(kernelSize, stride, padding, bias);
        }
    }

    public NDArray forward(NDArray x) {
        NDArray w = StepArrays.view(x, weight);
        NDArray b = bias == null ? null : StepArrays.view(x, bias);
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /** {@code U(-bound, bound)} from the state dict's seeded stream (kaiming_uniform with a = sqrt(5)). */
    public static StateDict.Init uniform(double bound) {
        return (values, random) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
        };
    }
}
