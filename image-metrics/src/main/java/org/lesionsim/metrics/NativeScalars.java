package org.lesionsim.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar operands as native 0-d arrays on the operand's manager, never {@code NDArray.mul(Number)}:
 * inside an autograd graph the engine's wrapped scalar can be freed by the GC while autograd still
 * holds it (docs/DESIGN.md §4). Here, below {@code ml}, because the differentiable metrics (LPIPS,
 * MS-SSIM) that serve as training losses need it too; {@code gan.StepArrays} builds on it.
 */
public final class NativeScalars {
    private NativeScalars() {
    }

    /** A 0-d array holding {@code value}, in {@code like}'s data type and manager. */
    public static NDArray of(NDArray like, double value) {
        return like.getDataType() == DataType.FLOAT64
                ? like.getManager().create(value)
                : like.getManager().create((float) value).toType(like.getDataType(), false);
    }

    /** {@code x * value} with a native scalar. */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    /** {@code x + value} with a native scalar. */
    public static NDArray add(NDArray x, double value) {
        return x.add(of(x, value));
    }
}
