package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Minibatch standard deviation ({@code networks.py: MinibatchStdLayer}): split the batch into
 * groups of {@code G = min(group_size, N)} samples (sample {@code g * N/G + j} is in group
 * {@code j}), take the standard deviation over each group per feature and pixel, average it over
 * channels and pixels, and append it as {@code num_channels} constant feature maps. Lets the
 * discriminator see batch statistics. Input {@code [N, C, H, W]}, output {@code [N, C + F, H, W]};
 * N must be a multiple of G. No parameters.
 */
public final class MinibatchStdLayer {
    private final int groupSize;
    private final int numChannels;

    public MinibatchStdLayer(int groupSize, int numChannels) {
        this.groupSize = groupSize;
        this.numChannels = numChannels;
    }

    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        long g = Math.min(groupSize, n);
        if (n % g != 0) {
            throw new IllegalArgumentException("batch " + n + " is not a multiple of the mbstd group size " + g);
        }
        long f = numChannels;

        NDArray y = x.reshape(g, n / g, f, c / f, h, w);          // [GnFcHW]
        y = y.sub(y.mean(new int[] {0}));                          // subtract mean over group
        y = y.square().mean(new int[] {0});                        // [nFcHW] variance over group
        y = StepArrays.add(y, 1e-8).sqrt();                        // stddev over group
        y = y.reshape(n / g, f, -1).mean(new int[] {2});           // [nF] average over channels and pixels
        y = y.reshape(n / g, f, 1, 1)
                .tile(new long[] {g, 1, h, w});                    // [NFHW] replicate over group and pixels
        return x.concat(y, 1);
    }
}
