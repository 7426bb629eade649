package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * StyleGAN2's modulated convolution ({@code networks.py: modulated_conv2d}): each sample's styles
 * scale the kernel's input channels, and demodulation rescales each output channel so that
 * unit-variance inputs give unit-variance outputs:
 * <pre>
 *   w'[n,o,i,k]  = w[o,i,k] * s[n,i]
 *   w''[n,o,i,k] = w'[n,o,i,k] / sqrt(sum_{i,k} w'[n,o,i,k]^2 + 1e-8)      (demodulate)
 *   y[n] = conv(x[n], w''[n]) (+ noise)
 * </pre>
 * The fused form runs one grouped convolution ({@code groups = batch}) with per-sample kernels; the
 * other scales the activations before and after one shared convolution. Both give the same result.
 * Weights and styles arrive in FP32; in an FP16 block ({@link Precision}) they meet the activations in
 * the activations' type, after the reference's pre-normalisation.
 */
public final class ModulatedConv2d {
    private ModulatedConv2d() {
    }

    /**
     * @param x       {@code [N, I, H, W]}
     * @param weight  {@code [O, I, kh, kw]} (already on the step, see {@link StepArrays#view})
     * @param styles  {@code [N, I]}
     * @param noise   added to the output ({@code [N, 1, H', W']} or {@code [H', W']}), or {@code null}
     * @param up      1 or 2
     * @param padding padding with respect to the upsampled image
     * @param resampleTaps 1-D taps of the FIR filter for {@code up > 1}, else ignored
     * @param fused   one grouped convolution with per-sample weights, or activation scaling
     * @return {@code [N, O, H * up, W * up]}
     */
    public static NDArray modulatedConv2d(NDArray x, NDArray weight, NDArray styles, NDArray noise, int up,
            int padding, float[] resampleTaps, boolean demodulate, boolean flipWeight, boolean fused) {
        long batch = x.getShape().get(0);
        Shape ws = weight.getShape();
        long outChannels = ws.get(0);
        long inChannels = ws.get(1);

        // FP16 activations: pre-normalise the FP32 weight and styles so the per-sample kernels cannot
        // overflow FP16 (max |w| per output channel, max |s| per sample); demodulation cancels both scales.
        if (x.getDataType() == DataType.FLOAT16 && demodulate) {
            double fanIn = (double) inChannels * ws.get(2) * ws.get(3);
            NDArray maxPerOutput = weight.abs().reshape(outChannels, -1).max(new int[] {1}, true).reshape(outChannels, 1, 1, 1);
            weight = weight.div(maxPerOutput).mul(1 / Math.sqrt(fanIn));
            styles = styles.div(styles.abs().max(new int[] {1}, true));
        }

        // Demodulation coefficients [N, O]: sum_{i,k} (w[o,i,k] s[n,i])^2 = sum_i s[n,i]^2 sum_k w[o,i,k]^2, so
        // a [N, I] x [I, O] product gives what the reference sums over the [N, O, I, kh, kw] weights.
        NDArray dcoefs = null;
        if (demodulate) {
            NDArray weightEnergy = weight.square().sum(new int[] {2, 3}).transpose(); // [I, O]
            dcoefs = StepArrays.rsqrt(StepArrays.add(styles.square().matMul(weightEnergy), 1e-8));
        }
        noise = noise == null ? null : Precision.like(noise, x);

        if (!fused) {
            // Scale the activations before and after one convolution shared by the whole batch.
            x = x.mul(Precision.like(styles, x).reshape(batch, inChannels, 1, 1));
            x = Conv2dResample.conv2dResample(x, Precision.like(weight, x), resampleTaps, up, 1, padding, 1, flipWeight);
            if (demodulate) {
                x = x.mul(Precision.like(dcoefs, x).reshape(batch, outChannels, 1, 1));
            }
            return noise == null ? x : x.add(noise);
        }

        // One grouped convolution with per-sample weights [N, O, I, kh, kw]: the batch becomes groups of one sample each.
        NDArray w = styles.reshape(batch, 1, inChannels, 1, 1).mul(weight);
        if (demodulate) {
            w = w.mul(dcoefs.reshape(batch, outChannels, 1, 1, 1));
        }
        Shape xs = x.getShape();
        x = x.reshape(1, batch * inChannels, xs.get(2), xs.get(3));
        w = Precision.like(w.reshape(batch * outChannels, inChannels, ws.get(2), ws.get(3)), x);
        x = Conv2dResample.conv2dResample(x, w, resampleTaps, up, 1, padding, (int) batch, flipWeight);
        x = x.reshape(batch, outChannels, x.getShape().get(2), x.getShape().get(3));
        return noise == null ? x : x.add(noise);
    }
}
