package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Fully connected layer with equalized learning rate ({@code networks.py: FullyConnectedLayer}).
 * The stored weight is {@code N(0, 1) / lr_multiplier}; at run time it is scaled by
 * {@code lr_multiplier / sqrt(in_features)} and the bias by {@code lr_multiplier}.
 * Input {@code [N, in_features]}, output {@code [N, out_features]}.
 */
public final class FullyConnectedLayer {
    private final NDArray weight;
    private final NDArray bias;
    private final ActivationFunction activation;
    private final double weightGain;
    private final double biasGain;

    /** @param name official prefix, e.g. {@code mapping.fc0} ({@code .weight}, {@code .bias} follow) */
    public FullyConnectedLayer(StateDict params, String name, int inFeatures, int outFeatures, Options options) {
        this.activation = options.activation();
        this.weight = params.parameter(name + ".weight", new Shape(outFeatures, inFeatures),
                StateDict.Init.normal(1.0 / options.lrMultiplier()));
        this.bias = options.bias()
                ? params.parameter(name + ".bias", new Shape(outFeatures), StateDict.Init.constant(options.biasInit()))
                : null;
        this.weightGain = options.lrMultiplier() / Math.sqrt(inFeatures);
        this.biasGain = options.lrMultiplier();
    }

    /** With the reference's defaults: bias, linear, {@code lr_multiplier = 1}, {@code bias_init = 0}. */
    public FullyConnectedLayer(StateDict params, String name, int inFeatures, int outFeatures) {
        this(params, name, inFeatures, outFeatures, options());
    }

    /** The reference's defaults, to change by name: {@code options().activation(LRELU).lrMultiplier(0.01)}. */
    public static Options options() {
        return Options.DEFAULTS;
    }

    /**
     * The reference's keyword arguments {@code bias}, {@code activation}, {@code lr_multiplier} and
     * {@code bias_init} (1 for the style affines, so styles start around 1).
     */
    public record Options(boolean bias, ActivationFunction activation, double lrMultiplier, double biasInit) {
        static final Options DEFAULTS = new Options(true, ActivationFunction.LINEAR, 1, 0);

        public Options bias(boolean bias) {
            return new Options(bias, activation, lrMultiplier, biasInit);
        }

        public Options activation(ActivationFunction activation) {
            return new Options(bias, activation, lrMultiplier, biasInit);
        }

        public Options lrMultiplier(double lrMultiplier) {
            return new Options(bias, activation, lrMultiplier, biasInit);
        }

        public Options biasInit(double biasInit) {
            return new Options(bias, activation, lrMultiplier, biasInit);
        }
    }

    public NDArray forward(NDArray x) {
        NDArray w = StepArrays.scaled(x, weight, weightGain);
        NDArray b = bias == null ? null : StepArrays.scaled(x, bias, biasGain);
        return BiasAct.biasAct(x.matMul(w.transpose()), b, activation, activation.defaultGain(), null);
    }

    /** The stored {@code [out_features, in_features]} weight (a parameter, not a copy). */
    public NDArray weight() {
        return weight;
    }

    /** The run-time scale of {@link #weight()}: {@code lr_multiplier / sqrt(in_features)}. */
    public double weightGain() {
        return weightGain;
    }
}
