package org.lesionsim.sefa;

import java.util.ArrayList;
import java.util.List;
import org.lesionsim.linalg.SymmetricEigen;

/**
 * Closed-form factorisation of latent semantics (SeFa; Shen &amp; Zhou, CVPR 2021), as genforce/sefa
 * {@code utils.py factorize_weight} does it for StyleGAN2:
 * <pre>
 *   weight = np.concatenate([style.weight.T for each selected layer], axis=1)   # [w_dim, ΣC_out]
 *   weight = weight / np.linalg.norm(weight, axis=0, keepdims=True)
 *   eigen_values, eigen_vectors = np.linalg.eig(weight.dot(weight.T))         # [w_dim, w_dim]
 *   return layers, eigen_vectors.T, eigen_values
 * </pre>
 * {@code axis=0} of the [w_dim, ΣC] matrix is the w_dim axis: every <b>column</b>, i.e. every row of
 * a PyTorch {@code [C_out, w_dim]} affine weight (the projection of w onto one output channel's
 * style), is scaled to unit L2 norm. Then {@code A Aᵀ = Σ_rows u uᵀ} with {@code u = row / ‖row‖},
 * which is what is accumulated here, in float64.
 *
 * <p>Differences from the reference, both harmless to the method: the symmetric solver returns real
 * eigenpairs sorted by eigenvalue, largest first ({@code np.linalg.eig} does not sort); and each
 * eigenvector's sign, arbitrary in either solver, is fixed so that its largest-magnitude component is
 * positive, which makes the output reproducible. In: the selected layers' weights, all with one
 * w_dim. Out: a {@link SefaResult}.
 */
public final class SefaFactorization {
    private SefaFactorization() {
    }

    public static SefaResult factorize(List<NamedWeight> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to factorise");
        }
        int wDim = layers.get(0).wDim();
        double[][] gram = new double[wDim][wDim];
        List<String> names = new ArrayList<>();
        for (NamedWeight layer : layers) {
            if (layer.wDim() != wDim) {
                throw new IllegalArgumentException("layer " + layer.name() + " has w_dim " + layer.wDim() + ", expected " + wDim);
            }
            names.add(layer.name());
            for (int r = 0; r < layer.outChannels(); r++) {
                addNormalisedOuterProduct(gram, layer.weight()[r], layer.name(), r);
            }
        }
        for (int i = 0; i < wDim; i++) {
            for (int j = 0; j < i; j++) {
                gram[i][j] = gram[j][i];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(gram);
        double[][] vectors = eigen.vectors();
        float[][] directions = new float[wDim][];
        for (int i = 0; i < wDim; i++) {
            directions[i] = withCanonicalSign(vectors[i]);
        }
        return new SefaResult(names, eigen.values(), directions);
    }

    /** Upper triangle of gram += u uᵀ for u = row / ‖row‖. */
    private static void addNormalisedOuterProduct(double[][] gram, float[] row, String layer, int index) {
        double normSq = 0.0;
        for (float v : row) {
            normSq += (double) v * v;
        }
        if (!(normSq > 0) || !Double.isFinite(normSq)) {
            throw new IllegalArgumentException("layer " + layer + " row " + index + " has norm " + Math.sqrt(normSq)
                    + ": cannot normalise (the reference would produce NaN)");
        }
        int n = row.length;
        double[] u = new double[n];
        double inv = 1.0 / Math.sqrt(normSq);
        for (int i = 0; i < n; i++) {
            u[i] = row[i] * inv;
        }
        for (int i = 0; i < n; i++) {
            double ui = u[i];
            double[] g = gram[i];
            for (int j = i; j < n; j++) {
                g[j] += ui * u[j];
            }
        }
    }

    private static float[] withCanonicalSign(double[] v) {
        int largest = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest])) {
                largest = i;
            }
        }
        double sign = v[largest] < 0 ? -1.0 : 1.0;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (sign * v[i]);
        }
        return out;
    }
}
