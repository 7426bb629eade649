package org.lesionsim.sefa;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Ridge regression of one scalar attribute on latents, in its dual form (n samples ≪ d dimensions,
 * as for a flattened W+ code): with X the centred latents [n][d] and y the centred attribute,
 * <pre>
 *   β = argmin ‖y − Xβ‖² + λ‖β‖²  =  Xᵀ (X Xᵀ + λ I)⁻¹ y
 * </pre>
 * solved by Cholesky on the n×n Gram matrix (EJML). λ is given relative to the mean diagonal of X Xᵀ
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
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x.unsafe_set(i, k, latents[i][k] - mean[k]);
            }
            y.data[i] = attribute[i] - yMean;
        }
        DMatrixRMaj gram = CommonOps_DDRM.multOuter(x, null);
        double lambda = Math.max(relativeL2 * CommonOps_DDRM.trace(gram) / n, 1e-12);
        for (int i = 0; i < n; i++) {
            gram.add(i, i, lambda);
        }
        DMatrixRMaj dual = new DMatrixRMaj(n, 1);
        if (!CommonOps_DDRM.solveSPD(gram, y, dual)) {
            throw new ArithmeticException("the regularised Gram matrix is not positive definite");
        }
        DMatrixRMaj beta = CommonOps_DDRM.multTransA(x, dual, null);
        DMatrixRMaj fitted = CommonOps_DDRM.mult(x, beta, null);
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            double residual = y.data[i] - fitted.data[i];
            ssRes += residual * residual;
            ssTot += y.data[i] * y.data[i];
        }
        return new RidgeRegression(beta.data, ssTot == 0 ? 0 : 1 - ssRes / ssTot);
    }

    /** β / ‖β‖ as float; fails when the attribute does not vary with the latents at all. */
    public float[] unitDirection() {
        return ConditionalDirection.unit(coefficients);
    }
}
