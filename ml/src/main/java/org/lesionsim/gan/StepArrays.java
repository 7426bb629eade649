package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import org.lesionsim.metrics.NativeScalars;

/**
 * Arrays a forward pass makes next to its input, on the input's manager, so that a step's
 * sub-manager (or {@code NDScope}) frees everything the step made, and nothing piles up on the
 * long-lived manager of the parameters (an op's result belongs to the manager of the array it was
 * called on).
 *
 * <p>Scalars are native 0-d arrays, never {@code NDArray.mul(Number)}: inside an autograd graph the
 * engine's wrapped scalar can be freed by the GC while autograd still holds it (docs/DESIGN.md §4);
 * the scalar itself is {@link NativeScalars}, which the differentiable metrics below {@code ml} share.
 */
public final class StepArrays {
    private StepArrays() {
    }

    /** A 0-d array holding {@code value}, in {@code like}'s data type and manager. */
    public static NDArray scalar(NDArray like, double value) {
        return NativeScalars.of(like, value);
    }

    /** {@code x * value} with a native scalar. */
    public static NDArray mul(NDArray x, double value) {
        return NativeScalars.mul(x, value);
    }

    /** {@code x + value} with a native scalar. */
    public static NDArray add(NDArray x, double value) {
        return NativeScalars.add(x, value);
    }

    /** {@code 1 / sqrt(x)}. */
    public static NDArray rsqrt(NDArray x) {
        return scalar(x, 1.0).div(x.sqrt());
    }

    /**
     * {@code parameter} as seen from the step of {@code like}: same storage and autograd identity
     * (gradients still reach the parameter), but the handle belongs to {@code like}'s manager, in
     * {@code like}'s data type (a differentiable cast where the types differ).
     */
    public static NDArray view(NDArray like, NDArray parameter) {
        NDArray view = parameter.reshape(parameter.getShape());
        view.attach(like.getManager());
        return Precision.like(view, like);
    }

    /** {@code parameter * gain} on {@code like}'s manager (equalized learning rate). */
    public static NDArray scaled(NDArray like, NDArray parameter, double gain) {
        if (parameter.getDataType() == like.getDataType() && gain != 1.0) {
            return scalar(like, gain).mul(parameter); // called on the step's scalar: result on the step
        }
        NDArray view = view(like, parameter);
        return gain == 1.0 ? view : mul(view, gain);
    }
}
