package org.lesionsim.sefa;

import java.util.List;
import org.lesionsim.linalg.Cholesky;

/**
 * A supervised editing direction, InterFaceGAN-style (Shen et al. 2020): the normal of a linear
 * classifier separating melanoma from nevus latents. The classifier is an L2-regularised logistic
 * regression with an unregularised intercept, fitted by Newton's method (with step halving) on
 * latents centred by their mean, with class-balanced weights (each class carries half the total
 * weight, since HAM10000 has ~6× more nv than mel). Minimised:
 * <pre>  Σ_i c_i [log(1 + e^{z_i}) − y_i z_i] / Σ_i c_i + (λ/2)‖w‖²,   z_i = wᵀ(x_i − x̄) + b,   y = 1 for mel</pre>
 * In: labelled latents of one dimension, both classes present. Out: {@code w/‖w‖}, which points
 * towards melanoma by construction, and its AUC on the training latents (optimistic: same data).
 *
 * @param direction   unit normal, +α towards melanoma
 * @param trainingAuc Mann–Whitney AUC of the projections of the fitting latents
 * @param iterations  Newton iterations taken
 */
public record SupervisedDirection(float[] direction, double trainingAuc, int iterations) {
    public static final double DEFAULT_L2 = 1e-2;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    public static SupervisedDirection fit(List<LabelledLatent> cases) {
        return fit(cases, DEFAULT_L2);
    }

    public static SupervisedDirection fit(List<LabelledLatent> cases, double l2) {
        if (!(l2 > 0)) {
            throw new IllegalArgumentException("L2 strength must be positive, was " + l2);
        }
        int n = cases.size();
        long mel = cases.stream().filter(LabelledLatent::melanoma).count();
        if (mel == 0 || mel == n) {
            throw new IllegalArgumentException("fitting needs both classes, got " + mel + " mel of " + n + " cases");
        }
        int d = cases.get(0).latent().length;
        double[][] x = new double[n][d];
        double[] y = new double[n];
        double[] weight = new double[n];
        double[] mean = new double[d];
        for (LabelledLatent c : cases) {
            if (c.latent().length != d) {
                throw new IllegalArgumentException("latents differ in dimension: " + c.latent().length + " vs " + d);
            }
            for (int k = 0; k < d; k++) {
                mean[k] += c.latent()[k] / (double) n;
            }
        }
        for (int i = 0; i < n; i++) {
            LabelledLatent c = cases.get(i);
            for (int k = 0; k < d; k++) {
                x[i][k] = c.latent()[k] - mean[k];
            }
            y[i] = c.melanoma() ? 1.0 : 0.0;
            weight[i] = 0.5 / (c.melanoma() ? mel : n - mel); // weights sum to 1
        }

        double[] theta = new double[d + 1]; // w, then b
        double loss = loss(theta, x, y, weight, l2);
        int iterations = 0;
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            double[] step = newtonStep(theta, x, y, weight, l2);
            double t = 1.0;
            double[] next = new double[d + 1];
            double nextLoss;
            do {
                for (int k = 0; k <= d; k++) {
                    next[k] = theta[k] - t * step[k];
                }
                nextLoss = loss(next, x, y, weight, l2);
                t /= 2;
            } while (nextLoss > loss && t > 1e-10);
            double change = 0.0;
            for (int k = 0; k <= d; k++) {
                change = Math.max(change, Math.abs(next[k] - theta[k]));
            }
            theta = next;
            loss = Math.min(loss, nextLoss);
            if (change < TOLERANCE) {
                break;
            }
        }

        double norm = 0.0;
        for (int k = 0; k < d; k++) {
            norm += theta[k] * theta[k];
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0)) {
            throw new ArithmeticException("the classifier found no direction: the classes are indistinguishable in these latents");
        }
        float[] direction = new float[d];
        for (int k = 0; k < d; k++) {
            direction[k] = (float) (theta[k] / norm);
        }
        double[] melProj = new double[(int) mel];
        double[] nvProj = new double[n - (int) mel];
        int a = 0;
        int b = 0;
        for (LabelledLatent c : cases) {
            double p = AxisRanking.dot(c.latent(), direction);
            if (c.melanoma()) {
                melProj[a++] = p;
            } else {
                nvProj[b++] = p;
            }
        }
        return new SupervisedDirection(direction, AxisRanking.auc(melProj, nvProj), iterations);
    }

    private static double loss(double[] theta, double[][] x, double[] y, double[] weight, double l2) {
        int d = theta.length - 1;
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            double z = logit(theta, x[i]);
            // log(1 + e^z) − y z, computed without overflow
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += weight[i] * (softplus - y[i] * z);
        }
        double reg = 0.0;
        for (int k = 0; k < d; k++) {
            reg += theta[k] * theta[k];
        }
        return sum + 0.5 * l2 * reg;
    }

    /** H⁻¹ g for the weighted, regularised logistic loss; a tiny ridge keeps the intercept row definite. */
    private static double[] newtonStep(double[] theta, double[][] x, double[] y, double[] weight, double l2) {
        int d = theta.length - 1;
        double[] gradient = new double[d + 1];
        double[][] hessian = new double[d + 1][d + 1];
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double p = 1.0 / (1.0 + Math.exp(-logit(theta, xi)));
            double g = weight[i] * (p - y[i]);
            double s = weight[i] * p * (1.0 - p);
            for (int r = 0; r < d; r++) {
                gradient[r] += g * xi[r];
                double sr = s * xi[r];
                double[] row = hessian[r];
                for (int c = 0; c <= r; c++) {
                    row[c] += sr * xi[c];
                }
                hessian[d][r] += sr;
            }
            gradient[d] += g;
            hessian[d][d] += s;
        }
        for (int r = 0; r < d; r++) {
            gradient[r] += l2 * theta[r];
            hessian[r][r] += l2;
        }
        hessian[d][d] += 1e-12;
        for (int r = 0; r <= d; r++) {
            for (int c = 0; c < r; c++) {
                hessian[c][r] = hessian[r][c];
            }
        }
        return Cholesky.of(hessian).solve(gradient);
    }

    private static double logit(double[] theta, double[] xi) {
        int d = theta.length - 1;
        double z = theta[d];
        for (int k = 0; k < d; k++) {
            z += theta[k] * xi[k];
        }
        return z;
    }
}
