package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;

/**
 * {@code torch.nn.functional.conv_transpose2d(x, w, stride=s, padding=[py, px])} (no bias, groups
 * 1), which DJL's PyTorch engine lacks, through a small TorchScript module ({@link
 * TorchScriptModule}); autograd records it like any other op. Input {@code [N, C_in, H, W]} and
 * weight {@code [C_in, C_out, kh, kw]}, output {@code [N, C_out, (H - 1) s - 2 py + kh, ...]}.
 *
 * <p>The modules are compiled once per (stride, padding) and live as long as the JVM, on a manager of
 * their own.
 */
public final class TransposedConv2d {
    private TransposedConv2d() {
    }

    /** The module's TorchScript source for one stride and padding. */
    static String code(int stride, int padY, int padX) {
        return String.join("\n",
                "class TransposedConv2d(Module):",
                "  __parameters__ = []",
                "  __buffers__ = []",
                "  training : bool",
                "  def forward(self: __torch__.TransposedConv2d,",
                "    x: Tensor,",
                "    w: Tensor) -> Tensor:",
                "    _0 = torch.conv_transpose2d(x, w, None, [" + stride + ", " + stride + "], [" + padY + ", " + padX
                        + "], [0, 0], 1, [1, 1])",
                "    return _0",
                "");
    }

    /** @return the result on {@code x}'s manager */
    public static NDArray conv2dTranspose(NDArray x, NDArray w, int stride, int padY, int padX) {
        return TorchScriptModule.forward(TorchScriptModule.cached("TransposedConv2d", code(stride, padY, padX)), x, w);
    }
}
