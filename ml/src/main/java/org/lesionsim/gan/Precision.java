package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Which blocks compute in FP16: the reference's mixed precision ({@code num_fp16_res} blocks in FP16,
 * everything else, the mapping, the styles, the demodulation coefficients and the image in FP32) and
 * its {@code force_fp32} switch. The reference only ever runs on CUDA; here the same networks also
 * train and render on CPUs, where FP16 is slower and not what the shipped models saw, so the default
 * turns it on only for arrays on a GPU.
 */
public enum Precision {
    /** The configured FP16 blocks in FP16 on a GPU, FP32 on the CPU (default). */
    MIXED_ON_GPU,
    /** Everything in FP32 ({@code force_fp32=True}). */
    FP32,
    /** The configured FP16 blocks in FP16 on any device: to check on a CPU what a GPU computes. */
    MIXED_ANY_DEVICE;

    /** FP16 for a block configured {@code fp16Block} where allowed, else {@code like}'s own type (FP32, or FP64 in gradient checks). */
    DataType blockType(boolean fp16Block, NDArray like) {
        boolean fp16 = fp16Block && switch (this) {
            case MIXED_ON_GPU -> like.getDevice().isGpu();
            case FP32 -> false;
            case MIXED_ANY_DEVICE -> true;
        };
        return fp16 ? DataType.FLOAT16 : like.getDataType();
    }

    /**
     * {@code x.to(type)}, differentiable (DJL's {@code toType} cuts the autograd graph, so the cast runs
     * as a one-line TorchScript module); no op at all when {@code x} is already that type or null.
     */
    static NDArray cast(NDArray x, DataType type) {
        if (x == null || x.getDataType() == type) {
            return x;
        }
        return TorchScriptModule.forward(TorchScriptModule.cached("Cast", String.join("\n",
                        "class Cast(Module):",
                        "  __parameters__ = []",
                        "  __buffers__ = []",
                        "  training : bool",
                        "  def forward(self: __torch__.Cast,",
                        "    x: Tensor) -> Tensor:",
                        "    return torch.to(x, " + scalarType(type) + ")",
                        "")), x);
    }

    /** TorchScript's ScalarType numbers (c10/core/ScalarType.h). */
    private static int scalarType(DataType type) {
        return switch (type) {
            case FLOAT16 -> 5;
            case FLOAT32 -> 6;
            case FLOAT64 -> 7;
            default -> throw new IllegalArgumentException("no mixed precision in " + type);
        };
    }

    /** {@code x.to(like.dtype)}: parameters and styles are FP32 and meet FP16 activations in FP16 blocks. */
    static NDArray like(NDArray x, NDArray like) {
        return cast(x, like.getDataType());
    }
}
