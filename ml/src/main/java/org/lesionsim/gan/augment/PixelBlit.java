package org.lesionsim.gan.augment;

import ai.djl.ndarray.NDArray;

/**
 * One image's lossless pixel move: horizontal flip, then {@code quarterTurns} rotations by 90
 * degrees, then an integer translation by {@code (tx, ty)} pixels whose uncovered border is filled
 * by reflection (PyTorch's {@code 'reflect'} padding, as the reference pads before resampling).
 * Works on {@code [1, C, H, W]}.
 */
record PixelBlit(boolean flip, int quarterTurns, int tx, int ty) {

    boolean isIdentity() {
        return !flip && quarterTurns % 4 == 0 && tx == 0 && ty == 0;
    }

    NDArray apply(NDArray image) {
        if (flip) {
            image = image.flip(3);
        }
        for (int k = 0; k < quarterTurns % 4; k++) {
            // one counter-clockwise quarter turn: transpose the plane, then flip rows
            image = image.transpose(0, 1, 3, 2).flip(2);
        }
        image = shift(image, 3, tx);
        return shift(image, 2, ty);
    }

    /** Moves content by {@code t} pixels along {@code axis}; the uncovered {@code |t|} pixels mirror the image. */
    static NDArray shift(NDArray image, int axis, int t) {
        if (t == 0) {
            return image;
        }
        long size = image.getShape().get(axis);
        if (Math.abs(t) >= size) {
            throw new IllegalArgumentException("translation " + t + " does not fit reflection padding of size " + size);
        }
        if (t > 0) {
            // reflect padding before index 0 is x[t], ..., x[1]
            NDArray mirrored = slice(image, axis, 1, t + 1).flip(axis);
            return mirrored.concat(slice(image, axis, 0, size - t), axis);
        }
        int u = -t;
        // reflect padding after index size-1 is x[size-2], ..., x[size-1-u]
        NDArray mirrored = slice(image, axis, size - 1 - u, size - 1).flip(axis);
        return slice(image, axis, u, size).concat(mirrored, axis);
    }

    private static NDArray slice(NDArray image, int axis, long from, long to) {
        return axis == 3 ? image.get(":, :, :, {}:{}", from, to) : image.get(":, :, {}:{}", from, to);
    }
}
