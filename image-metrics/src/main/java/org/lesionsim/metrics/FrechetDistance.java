package org.lesionsim.metrics;

import org.lesionsim.linalg.MatrixSqrt;
import org.lesionsim.linalg.MatrixSqrt.TraceOfSqrt;

/**
 * Fréchet distance between two Gaussians fitted to feature sets (FID when the features are
 * Inception-v3 pool features; Heusel et al. 2017):
 * <pre>  d² = ‖μ1 − μ2‖² + Tr(Σ1 + Σ2 − 2 (Σ1Σ2)^½)</pre>
 * In: means and covariances (or two {@link GaussianStats}). Out: a {@link Result} with d² and its two
 * terms. The matrix square root is taken as in {@link MatrixSqrt#traceOfSqrtProduct}; only if that
 * fails to converge is {@code eps·I} added to both covariances inside the square root (as
 * pytorch-fid does when its sqrtm is not finite; like it, the plain traces stay unregularised), and
 * the result says so.
 */
public final class FrechetDistance {
    /** pytorch-fid's default offset. */
    public static final double DEFAULT_EPS = 1e-6;

    /**
     * @param distance             d², the value reported as FID
     * @param meanTerm             ‖μ1 − μ2‖²
     * @param covarianceTerm       Tr(Σ1 + Σ2 − 2 (Σ1Σ2)^½)
     * @param clampedEigenvalues   eigenvalues below zero (rounding) set to zero on the way
     * @param mostNegativeRelative the most negative of those, relative to its matrix's largest
     * @param regularisationEps    the eps added to both diagonals, 0 when none was needed
     */
    public record Result(double distance, double meanTerm, double covarianceTerm,
                         int clampedEigenvalues, double mostNegativeRelative, double regularisationEps) {
        public boolean regularised() {
            return regularisationEps > 0;
        }
    }

    /** How Tr sqrt(Σ1Σ2) is obtained; replaceable in tests to exercise the eps fallback. */
    @FunctionalInterface
    interface TraceOfSqrtSolver {
        TraceOfSqrt solve(double[][] sigma1, double[][] sigma2);
    }

    private FrechetDistance() {
    }

    public static Result between(GaussianStats a, GaussianStats b) {
        return between(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    public static Result between(double[] mu1, double[][] sigma1, double[] mu2, double[][] sigma2) {
        return between(mu1, sigma1, mu2, sigma2, MatrixSqrt::traceOfSqrtProduct, DEFAULT_EPS);
    }

    static Result between(double[] mu1, double[][] sigma1, double[] mu2, double[][] sigma2,
                          TraceOfSqrtSolver solver, double eps) {
        int d = mu1.length;
        if (mu2.length != d || sigma1.length != d || sigma2.length != d) {
            throw new IllegalArgumentException("dimensions differ: mu1 " + d + ", mu2 " + mu2.length
                    + ", sigma1 " + sigma1.length + ", sigma2 " + sigma2.length);
        }
        double meanTerm = 0.0;
        for (int i = 0; i < d; i++) {
            double diff = mu1[i] - mu2[i];
            meanTerm += diff * diff;
        }
        double traces = 0.0;
        for (int i = 0; i < d; i++) {
            traces += sigma1[i][i] + sigma2[i][i];
        }

        double usedEps = 0.0;
        TraceOfSqrt root = solveOrNull(solver, sigma1, sigma2);
        if (root == null) {
            usedEps = eps;
            root = solveOrNull(solver, withDiagonalOffset(sigma1, eps), withDiagonalOffset(sigma2, eps));
            if (root == null) {
                throw new ArithmeticException("Tr sqrt(Σ1Σ2) could not be computed, even with " + eps + "·I added to both covariances");
            }
        }
        double covarianceTerm = traces - 2 * root.trace();
        return new Result(meanTerm + covarianceTerm, meanTerm, covarianceTerm,
                root.clampedEigenvalues(), root.mostNegativeRelative(), usedEps);
    }

    private static TraceOfSqrt solveOrNull(TraceOfSqrtSolver solver, double[][] s1, double[][] s2) {
        try {
            TraceOfSqrt root = solver.solve(s1, s2);
            return Double.isFinite(root.trace()) ? root : null;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static double[][] withDiagonalOffset(double[][] sigma, double eps) {
        double[][] out = new double[sigma.length][];
        for (int i = 0; i < sigma.length; i++) {
            out[i] = sigma[i].clone();
            out[i][i] += eps;
        }
        return out;
    }
}
