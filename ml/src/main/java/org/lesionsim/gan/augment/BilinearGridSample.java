package org.lesionsim.gan.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code torch.nn.functional.affine_grid(theta, [N, C, Ho, Wo], align_corners=False)} followed by
 * {@code grid_sample(input, grid, mode='bilinear', padding_mode='zeros', align_corners=False)},
 * built from one {@code gather} so that it can be differentiated twice.
 *
 * <p>Why not libtorch's {@code grid_sampler} through a TorchScript module (the AutogradGrad way)?
 * It runs and passes first-order gradients, but libtorch 2.7 cannot differentiate
 * {@code grid_sampler_2d_backward} itself, so R1 on augmented reals
 * (a gradient of a gradient) fails; the reference works around the same gap with its
 * {@code grid_sample_gradfix}, a Python autograd function TorchScript cannot express. The grid here
 * is a constant (the reference never needs gradients for it either), so sampling is a fixed sparse
 * linear map: every output pixel is the weighted sum of the 4 input pixels around its source point,
 * a corner outside the image counting as zero. {@code gather} is differentiable to any order.
 *
 * <p>Input {@code [N, C, Hi, Wi]}, one {@code theta} (2x3, normalised coordinates in [-1, 1]) per
 * image; output {@code [N, C, Ho, Wo]} on the input's manager.
 */
final class BilinearGridSample {
    private BilinearGridSample() {
    }

    static NDArray sample(NDArray input, double[][][] theta, int outHeight, int outWidth) {
        Shape s = input.getShape();
        int batch = (int) s.get(0);
        int channels = (int) s.get(1);
        int inHeight = (int) s.get(2);
        int inWidth = (int) s.get(3);
        if (theta.length != batch) {
            throw new IllegalArgumentException("one theta per image required: " + theta.length + " for " + batch);
        }
        int pixels = outHeight * outWidth;
        long[] index = new long[batch * 4 * pixels];
        float[] weight = new float[batch * 4 * pixels];
        for (int n = 0; n < batch; n++) {
            double[][] t = theta[n];
            for (int i = 0; i < outHeight; i++) {
                double yn = (2.0 * i + 1) / outHeight - 1; // affine_grid's base grid, align_corners=False
                for (int j = 0; j < outWidth; j++) {
                    double xn = (2.0 * j + 1) / outWidth - 1;
                    double gx = t[0][0] * xn + t[0][1] * yn + t[0][2];
                    double gy = t[1][0] * xn + t[1][1] * yn + t[1][2];
                    // grid_sample's unnormalize for align_corners=False
                    double ix = ((gx + 1) * inWidth - 1) / 2;
                    double iy = ((gy + 1) * inHeight - 1) / 2;
                    int x0 = (int) Math.floor(ix);
                    int y0 = (int) Math.floor(iy);
                    double fx = ix - x0;
                    double fy = iy - y0;
                    int base = (n * 4) * pixels + i * outWidth + j;
                    corner(index, weight, base, x0, y0, (1 - fx) * (1 - fy), inWidth, inHeight);
                    corner(index, weight, base + pixels, x0 + 1, y0, fx * (1 - fy), inWidth, inHeight);
                    corner(index, weight, base + 2 * pixels, x0, y0 + 1, (1 - fx) * fy, inWidth, inHeight);
                    corner(index, weight, base + 3 * pixels, x0 + 1, y0 + 1, fx * fy, inWidth, inHeight);
                }
            }
        }
        NDManager m = input.getManager();
        NDArray at = m.create(index, new Shape(batch, 1, 4L * pixels)).broadcast(batch, channels, 4L * pixels);
        NDArray w = m.create(weight, new Shape(batch, 1, 4, pixels)).toType(input.getDataType(), false);
        NDArray corners = input.reshape(batch, channels, (long) inHeight * inWidth).gather(at, 2)
                .reshape(batch, channels, 4, pixels);
        return corners.mul(w).sum(new int[] {2}).reshape(batch, channels, outHeight, outWidth);
    }

    /** Zero padding: a corner outside the image reads pixel 0 with weight 0. */
    private static void corner(long[] index, float[] weight, int at, int x, int y, double w, int width, int height) {
        if (x >= 0 && x < width && y >= 0 && y < height) {
            index[at] = (long) y * width + x;
            weight[at] = (float) w;
        }
    }
}
