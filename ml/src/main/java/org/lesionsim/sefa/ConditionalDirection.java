package org.lesionsim.sefa;

import java.util.List;
import org.lesionsim.linalg.Cholesky;

/**
 * InterFaceGAN's conditional manipulation with several conditions (Shen et al., CVPR 2020, §2.3):
 * an editing direction d made orthogonal to the nuisance directions n₁..n_k by removing its
 * projection on their span,
 * <pre>
 *   N = [n₁ … n_k]  (d × k),   d' = d − N (NᵀN)⁻¹ Nᵀ d,   then d' / ‖d'‖
 * </pre>
 * so that walking along d' leaves every fitted linear nuisance attribute unchanged to first order.
 * The nuisance directions need not be orthogonal to each other; a tiny ridge (1e-10 · tr(NᵀN)/k)
 * keeps nearly collinear ones solvable. In: d and the nuisance directions, one dimension. Out: d'
 * (unit); fails when d lies (numerically) in their span, since then nothing of it is left to walk.
 */
public final class ConditionalDirection {
    /** Below this share of its length left after projection, d is taken to lie in the nuisance span. */
    static final double MIN_REMAINING_NORM = 1e-6;

    private ConditionalDirection() {
    }

    public static float[] projectOut(float[] direction, List<float[]> nuisance) {
        int d = direction.length;
        int k = nuisance.size();
        double[] v = new double[d];
        double norm0 = 0;
        for (int i = 0; i < d; i++) {
            v[i] = direction[i];
            norm0 += v[i] * v[i];
        }
        norm0 = Math.sqrt(norm0);
        if (k == 0) {
            return unit(v);
        }
        double[][] ntn = new double[k][k];
        double[] ntd = new double[k];
        double trace = 0;
        for (int a = 0; a < k; a++) {
            float[] na = nuisance.get(a);
            if (na.length != d) {
                throw new IllegalArgumentException("nuisance direction " + a + " has " + na.length + " entries, the direction " + d);
            }
            ntd[a] = dot(na, v);
            for (int b = 0; b <= a; b++) {
                double s = 0;
                float[] nb = nuisance.get(b);
                for (int i = 0; i < d; i++) {
                    s += (double) na[i] * nb[i];
                }
                ntn[a][b] = s;
                ntn[b][a] = s;
            }
            trace += ntn[a][a];
        }
        for (int a = 0; a < k; a++) {
            ntn[a][a] += 1e-10 * trace / k;
        }
        double[] coef = Cholesky.of(ntn).solve(ntd);
        for (int a = 0; a < k; a++) {
            float[] na = nuisance.get(a);
            for (int i = 0; i < d; i++) {
                v[i] -= coef[a] * na[i];
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        if (Math.sqrt(norm) < MIN_REMAINING_NORM * norm0) {
            throw new ArithmeticException("the direction lies in the span of the nuisance directions: nothing is left to walk");
        }
        return unit(v);
    }

    /** cos(a, b) in float64. */
    public static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static float[] unit(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new ArithmeticException("cannot normalise a vector of norm " + norm);
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    private static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
