package org.lesionsim.gan;

/**
 * The activations StyleGAN2 uses ({@code bias_act.activation_funcs}), each with the gain that keeps
 * the signal's magnitude: {@code lrelu} (slope 0.2) has {@code def_gain = sqrt(2)}.
 */
public enum ActivationFunction {
    LINEAR(1.0),
    LRELU(Math.sqrt(2.0));

    /** Slope of lrelu for negative inputs ({@code def_alpha}). */
    public static final float LRELU_ALPHA = 0.2f;

    private final double defaultGain;

    ActivationFunction(double defaultGain) {
        this.defaultGain = defaultGain;
    }

    /** {@code def_gain}. */
    public double defaultGain() {
        return defaultGain;
    }
}
