package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code torch_utils/ops/bias_act.py} (reference path): add bias along dim 1, apply the activation,
 * scale by {@code gain}, clamp to {@code +-clamp}.
 */
public final class BiasAct {
    private BiasAct() {
    }

    /**
     * @param x     {@code [N, C, ...]}
     * @param bias  {@code [C]} on the step (see {@link StepArrays}), or {@code null}
     * @param clamp {@code null} = no clamping
     */
    public static NDArray biasAct(NDArray x, NDArray bias, ActivationFunction act, double gain, Double clamp) {
        if (bias != null) {
            long[] shape = new long[x.getShape().dimension()];
            java.util.Arrays.fill(shape, 1);
            shape[1] = bias.getShape().get(0);
            x = x.add(Precision.like(bias, x).reshape(new Shape(shape))); // FP32 bias, FP16 activations in FP16 blocks
        }
        if (act == ActivationFunction.LRELU) {
            x = ai.djl.nn.Activation.leakyRelu(x, ActivationFunction.LRELU_ALPHA);
        }
        if (gain != 1.0) {
            x = StepArrays.mul(x, gain);
        }
        if (clamp != null) {
            x = x.clip(-clamp, clamp);
        }
        return x;
    }
}
