package org.lesionsim.sefa;

import java.util.Arrays;
import java.util.List;

/**
 * SeFa's output for one layer selection: k = w_dim directions in W (unit rows of
 * {@code directions[k][w_dim]}), sorted by their eigenvalue of AAᵀ, largest first, and the names of
 * the layers whose weights were factorised. Arrays are not copied.
 */
public record SefaResult(List<String> layerNames, double[] eigenvalues, float[][] directions) {
    public SefaResult {
        layerNames = List.copyOf(layerNames);
        if (eigenvalues.length != directions.length) {
            throw new IllegalArgumentException(eigenvalues.length + " eigenvalues for " + directions.length + " directions");
        }
        for (int i = 1; i < eigenvalues.length; i++) {
            if (eigenvalues[i] > eigenvalues[i - 1]) {
                throw new IllegalArgumentException("eigenvalues are not sorted descending at " + i);
            }
        }
    }

    public int wDim() {
        return directions.length == 0 ? 0 : directions[0].length;
    }

    /** The first {@code k} eigenvalues (fewer if there are fewer). */
    public double[] topEigenvalues(int k) {
        return Arrays.copyOf(eigenvalues, Math.min(k, eigenvalues.length));
    }
}
