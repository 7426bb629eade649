package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code helpers.py: _upsample_add(x, y)}: {@code F.interpolate(x, size=y's H, W, mode='bilinear',
 * align_corners=True) + y}, the FPN's top-down path. The bilinear resize is written as two small
 * interpolation matrices ({@code A_h x A_w^T}), which is exact and differentiable.
 */
final class UpsampleAdd {
    private UpsampleAdd() {
    }

    static NDArray upsampleAdd(NDArray x, NDArray y) {
        int h = Math.toIntExact(x.getShape().get(2));
        int w = Math.toIntExact(x.getShape().get(3));
        int outH = Math.toIntExact(y.getShape().get(2));
        int outW = Math.toIntExact(y.getShape().get(3));
        NDArray rows = y.getManager().create(alignCornersMatrix(h, outH), new Shape(outH, h));
        NDArray colsT = y.getManager().create(alignCornersMatrix(w, outW), new Shape(outW, w)).transpose();
        return rows.matMul(x.matMul(colsT)).add(y);
    }

    /** Row {@code o} holds the weights of the two input samples around {@code o (in - 1) / (out - 1)}. */
    static float[] alignCornersMatrix(int in, int out) {
        float[] m = new float[out * in];
        for (int o = 0; o < out; o++) {
            double src = out == 1 ? 0 : (double) o * (in - 1) / (out - 1);
            int i0 = (int) Math.floor(src);
            int i1 = Math.min(i0 + 1, in - 1);
            double frac = src - i0;
            m[o * in + i0] += (float) (1 - frac);
            m[o * in + i1] += (float) frac;
        }
        return m;
    }
}
