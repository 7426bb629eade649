package org.lesionsim.sefa;

import org.lesionsim.linalg.Cholesky;

/**
 * Ridge regression of one scalar attribute on latents, in its dual form (n samples ≪ d dimensions,
 * as for a flattened W+ code): with X the centred latents [n][d] and y the centred attribute,
 * <pre>
 *   β = argmin ‖y − Xβ‖² + λ‖β‖²  =  Xᵀ (X Xᵀ + λ I)⁻¹ y
 * </pre>
 * solved by Cholesky on the n×n Gram matrix. λ is given relative to the mean diagonal of X Xᵀ
 * ({@code λ = relativeL2 · tr(XXᵀ)/n}) so one setting suits latents of any scale. In: latents of one
 * dimension and one attribute value each (at least 3). Out: β (the gradient of the fitted linear
 * attribute in latent space), its unit direction, and the in-sample R².
 *
 * @param coefficients β, [d]
 * @param r2           in-sample coefficient of determination (optimistic: same data)
 */
public record RidgeRegression(double[] coefficients, double r2) {
    public static final double DEFAULT_RELATIVE_L2 = 0.1;

    public static RidgeRegression fit(float[][] latents, double[] attribute, double relativeL2) {
        int n = latents.length;
        if (n < 3 || attribute.length != n) {
            throw new IllegalArgumentException("ridge regression needs ≥ 3 latents with one attribute each, got " + n
                    + " latents and " + attribute.length + " values");
        }
        if (!(relativeL2 > 0)) {
            throw new IllegalArgumentException("relative L2 strength must be positive, was " + relativeL2);
        }
        int d = latents[0].length;
        double[] mean = new double[d];
        for (float[] x : latents) {
            if (x.length != d) {
                throw new IllegalArgumentException("latents differ in dimension: " + x.length + " vs " + d);
            }
            for (int k = 0; k < d; k++) {
                mean[k] += x[k] / (double) n;
            }
        }
        double yMean = 0;
        for (double v : attribute) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("attribute values must be finite, got " + v);
            }
            yMean += v / n;
        }
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = latents[i][k] - mean[k];
            }
            y[i] = attribute[i] - yMean;
        }
        double[][] gram = new double[n][n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += x[i][k] * x[j][k];
                }
                gram[i][j] = s;
                gram[j][i] = s;
            }
            trace += gram[i][i];
        }
        double lambda = Math.max(relativeL2 * trace / n, 1e-12);
        for (int i = 0; i < n; i++) {
            gram[i][i] += lambda;
        }
        double[] dual = Cholesky.of(gram).solve(y);
        double[] beta = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                beta[k] += x[i][k] * dual[i];
            }
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int k = 0; k < d; k++) {
                fitted += x[i][k] * beta[k];
            }
            ssRes += (y[i] - fitted) * (y[i] - fitted);
            ssTot += y[i] * y[i];
        }
        return new RidgeRegression(beta, ssTot == 0 ? 0 : 1 - ssRes / ssTot);
    }

    /** β / ‖β‖ as float; fails when the attribute does not vary with the latents at all. */
    public float[] unitDirection() {
        return ConditionalDirection.unit(coefficients);
    }
}
