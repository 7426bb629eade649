package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * 2-D convolution with optional FIR up- or downsampling ({@code torch_utils/ops/conv2d_resample.py}).
 * Padding is with respect to the upsampled image and applied once, at the start.
 *
 * <p>Upsampling (groups 1) is the reference's: a strided transposed convolution ({@link
 * TransposedConv2d}, which DJL lacks, through TorchScript), then the FIR filter. Grouped upsampling
 * (the fused modulated convolution of a batch) takes the reference's generic path: zero-insertion +
 * FIR filter (gain up^2) first, then the plain convolution, four times the multiply-adds. Both are
 * the same linear map (a valid convolution with {@code f} then with {@code w} equals one with
 * {@code w} then {@code f}), as the tests check against explicit per-sample convolutions.
 */
public final class Conv2dResample {
    private Conv2dResample() {
    }

    /**
     * @param x          {@code [N, C_in, H, W]}
     * @param w          {@code [C_out, C_in / groups, kh, kw]}
     * @param taps       1-D taps of the separable FIR filter for resampling ({@code setup_filter(taps)}), or {@code null}
     * @param flipWeight {@code true} = correlation (what conv2d does), {@code false} = true convolution
     */
    public static NDArray conv2dResample(NDArray x, NDArray w, float[] taps, int up, int down, int padding,
            int groups, boolean flipWeight) {
        int kh = (int) w.getShape().get(2);
        int kw = (int) w.getShape().get(3);
        int fh = taps == null ? 1 : taps.length;
        int fw = fh;
        int px0 = padding;
        int px1 = padding;
        int py0 = padding;
        int py1 = padding;

        // Adjust padding to account for up/downsampling.
        if (up > 1) {
            px0 += Math.floorDiv(fw + up - 1, 2);
            px1 += Math.floorDiv(fw - up, 2);
            py0 += Math.floorDiv(fh + up - 1, 2);
            py1 += Math.floorDiv(fh - up, 2);
        }
        if (down > 1) {
            px0 += Math.floorDiv(fw - down + 1, 2);
            px1 += Math.floorDiv(fw - down, 2);
            py0 += Math.floorDiv(fh - down + 1, 2);
            py1 += Math.floorDiv(fh - down, 2);
        }
        int[] pads = {px0, px1, py0, py1};

        // 1x1 convolution with downsampling only: downsample first, then convolve.
        if (kw == 1 && kh == 1 && down > 1 && up == 1) {
            x = Upfirdn2d.upfirdn2d(x, taps, 1, down, pads, 1);
            return conv2d(x, w, 1, 0, groups, flipWeight);
        }
        // 1x1 convolution with upsampling only: convolve first, then upsample.
        if (kw == 1 && kh == 1 && up > 1 && down == 1) {
            x = conv2d(x, w, 1, 0, groups, flipWeight);
            return Upfirdn2d.upfirdn2d(x, taps, up, 1, pads, up * up);
        }
        // Downsampling only: filter, then strided convolution.
        if (down > 1 && up == 1) {
            x = Upfirdn2d.upfirdn2d(x, taps, 1, 1, pads, 1);
            return conv2d(x, w, down, 0, groups, flipWeight);
        }
        // Upsampling only (the reference's transpose path): strided transposed convolution, then the
        // FIR filter with what is left of the padding. A quarter of the multiply-adds of convolving the
        // zero-inserted image.
        if (up > 1 && down == 1 && groups == 1) {
            px0 -= kw - 1;
            px1 -= kw - up;
            py0 -= kh - 1;
            py1 -= kh - up;
            int pxt = Math.max(Math.min(-px0, -px1), 0);
            int pyt = Math.max(Math.min(-py0, -py1), 0);
            NDArray kernel = (flipWeight ? w.flip(2, 3) : w).transpose(1, 0, 2, 3); // [C_in, C_out, kh, kw]
            x = TransposedConv2d.conv2dTranspose(x, kernel, up, pyt, pxt);
            return Upfirdn2d.upfirdn2d(x, taps, 1, 1, new int[] {px0 + pxt, px1 + pxt, py0 + pyt, py1 + pyt}, up * up);
        }
        // No resampling, symmetric padding: plain conv2d.
        if (up == 1 && down == 1 && px0 == px1 && py0 == py1 && px0 >= 0 && py0 >= 0 && px0 == py0) {
            return conv2d(x, w, 1, px0, groups, flipWeight);
        }
        // Generic path (the reference's fallback; here also the upsampling path, see class doc).
        x = up > 1 ? Upfirdn2d.upfirdn2d(x, taps, up, 1, pads, up * up) : Upfirdn2d.upfirdn2d(x, (NDArray) null, 1, 1, pads, 1);
        x = conv2d(x, w, 1, 0, groups, flipWeight);
        if (down > 1) {
            x = Upfirdn2d.upfirdn2d(x, taps, 1, down, new int[4], 1);
        }
        return x;
    }

    /** {@code _conv2d_wrapper}: conv2d performs correlation, so a true convolution flips the kernel. */
    static NDArray conv2d(NDArray x, NDArray w, int stride, int padding, int groups, boolean flipWeight) {
        NDArray kernel = flipWeight ? w : w.flip(2, 3);
        return Conv2d.conv2d(x, kernel, null, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), groups).singletonOrThrow();
    }
}
