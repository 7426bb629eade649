package org.lesionsim.sefa;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

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
        double[] mean = new double[d];
        for (LabelledLatent c : cases) {
            if (c.latent().length != d) {
                throw new IllegalArgumentException("latents differ in dimension: " + c.latent().length + " vs " + d);
            }
            for (int k = 0; k < d; k++) {
                mean[k] += c.latent()[k] / (double) n;
            }
        }
        // design matrix: the centred latent, then a 1 for the intercept
        DMatrixRMaj x = new DMatrixRMaj(n, d + 1);
        double[] y = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            LabelledLatent c = cases.get(i);
            for (int k = 0; k < d; k++) {
                x.unsafe_set(i, k, c.latent()[k] - mean[k]);
            }
            x.unsafe_set(i, d, 1.0);
            y[i] = c.melanoma() ? 1.0 : 0.0;
            weight[i] = 0.5 / (c.melanoma() ? mel : n - mel); // weights sum to 1
        }

        DMatrixRMaj theta = new DMatrixRMaj(d + 1, 1); // w, then b
        double loss = loss(theta, x, y, weight, l2);
        int iterations = 0;
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            DMatrixRMaj step = newtonStep(theta, x, y, weight, l2);
            double t = 1.0;
            DMatrixRMaj next = new DMatrixRMaj(d + 1, 1);
            double nextLoss;
            do {
                CommonOps_DDRM.add(theta, -t, step, next);
                nextLoss = loss(next, x, y, weight, l2);
                t /= 2;
            } while (nextLoss > loss && t > 1e-10);
            double change = CommonOps_DDRM.elementMaxAbs(CommonOps_DDRM.subtract(next, theta, null));
            theta = next;
            loss = Math.min(loss, nextLoss);
            if (change < TOLERANCE) {
                break;
            }
        }

        double norm = 0.0;
        for (int k = 0; k < d; k++) {
            norm += theta.data[k] * theta.data[k];
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0)) {
            throw new ArithmeticException("the classifier found no direction: the classes are indistinguishable in these latents");
        }
        float[] direction = new float[d];
        for (int k = 0; k < d; k++) {
            direction[k] = (float) (theta.data[k] / norm);
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

    private static double loss(DMatrixRMaj theta, DMatrixRMaj x, double[] y, double[] weight, double l2) {
        int d = theta.numRows - 1;
        DMatrixRMaj z = CommonOps_DDRM.mult(x, theta, null);
        double sum = 0.0;
        for (int i = 0; i < y.length; i++) {
            double zi = z.data[i];
            // log(1 + e^z) − y z, computed without overflow
            double softplus = zi > 0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi));
            sum += weight[i] * (softplus - y[i] * zi);
        }
        double reg = 0.0;
        for (int k = 0; k < d; k++) {
            reg += theta.data[k] * theta.data[k];
        }
        return sum + 0.5 * l2 * reg;
    }

    /**
     * H⁻¹ g for the weighted, regularised logistic loss: g = Xᵀ c(p − y) + λw, H = Xᵀ diag(c p(1−p)) X + λI
     * (on w only); a tiny ridge keeps the intercept row definite.
     */
    private static DMatrixRMaj newtonStep(DMatrixRMaj theta, DMatrixRMaj x, double[] y, double[] weight, double l2) {
        int n = x.numRows;
        int d = theta.numRows - 1;
        DMatrixRMaj z = CommonOps_DDRM.mult(x, theta, null);
        DMatrixRMaj residual = new DMatrixRMaj(n, 1);
        double[] rootCurvature = new double[n];
        for (int i = 0; i < n; i++) {
            double p = 1.0 / (1.0 + Math.exp(-z.data[i]));
            residual.data[i] = weight[i] * (p - y[i]);
            rootCurvature[i] = Math.sqrt(weight[i] * p * (1.0 - p));
        }
        DMatrixRMaj gradient = CommonOps_DDRM.multTransA(x, residual, null);
        DMatrixRMaj scaled = x.copy();
        CommonOps_DDRM.multRows(rootCurvature, scaled);
        DMatrixRMaj hessian = CommonOps_DDRM.multInner(scaled, null);
        for (int r = 0; r < d; r++) {
            gradient.data[r] += l2 * theta.data[r];
            hessian.add(r, r, l2);
        }
        hessian.add(d, d, 1e-12);
        DMatrixRMaj step = new DMatrixRMaj(d + 1, 1);
        if (!CommonOps_DDRM.solveSPD(hessian, gradient, step)) {
            throw new ArithmeticException("the Newton system is not positive definite");
        }
        return step;
    }
}
