package org.lesionsim.progression.nuisance;

import java.util.ArrayList;
import java.util.List;
import org.lesionsim.sefa.ConditionalDirection;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.RidgeRegression;

/**
 * One direction in W per nuisance attribute, for walks that edit the W+ rows of a layer selection.
 * Each attribute (measured on the reconstruction G(w+) of a case) is ridge-regressed on the
 * flattened W+ code ({@link RidgeRegression}, β of [numWs·wDim]). A walk adds α·d to every selected
 * row, so to first order it changes the attribute by {@code α · Σ_{i∈layers} β_iᵀ d}: the attribute's
 * direction in W for that walk is {@code n = Σ_{i∈layers} β_i}, normalised. These are the conditions
 * {@link ConditionalDirection#projectOut} removes from a progression axis.
 *
 * @param names      attribute names, in order
 * @param directions unit directions in W, one per name
 * @param r2         in-sample R² of each regression (how linear in W+ the attribute is)
 */
public record NuisanceDirections(List<String> names, List<float[]> directions, double[] r2) {

    /**
     * @param wPlus      the cases' W+ codes, [n][numWs][wDim]
     * @param attributes per case, the attribute values in the order of {@code names}
     */
    public static NuisanceDirections fit(List<float[][]> wPlus, List<double[]> attributes, List<String> names,
                                         LayerSelection layers, double relativeL2) {
        return regress(wPlus, attributes, names, relativeL2).forLayers(layers);
    }

    /** Per attribute, β of the ridge regression on the flattened W+ ([numWs·wDim]); reduce with {@link #forLayers}. */
    public record Regression(List<String> names, List<double[]> coefficients, double[] r2, int numWs, int wDim) {
        public NuisanceDirections forLayers(LayerSelection layers) {
            List<float[]> directions = new ArrayList<>();
            for (double[] beta : coefficients) {
                double[] inW = new double[wDim];
                for (int r = 0; r < numWs; r++) {
                    if (layers.includesIndex(r)) {
                        for (int k = 0; k < wDim; k++) {
                            inW[k] += beta[r * wDim + k];
                        }
                    }
                }
                double norm = 0;
                for (double v : inW) {
                    norm += v * v;
                }
                float[] unit = new float[wDim];
                for (int k = 0; k < wDim; k++) {
                    unit[k] = (float) (inW[k] / Math.sqrt(norm));
                }
                directions.add(unit);
            }
            return new NuisanceDirections(names, List.copyOf(directions), r2);
        }
    }

    public static Regression regress(List<float[][]> wPlus, List<double[]> attributes, List<String> names, double relativeL2) {
        int n = wPlus.size();
        if (attributes.size() != n) {
            throw new IllegalArgumentException(n + " codes but " + attributes.size() + " attribute rows");
        }
        int numWs = wPlus.get(0).length;
        int wDim = wPlus.get(0)[0].length;
        float[][] flat = new float[n][numWs * wDim];
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < numWs; r++) {
                System.arraycopy(wPlus.get(c)[r], 0, flat[c], r * wDim, wDim);
            }
        }
        List<double[]> betas = new ArrayList<>();
        double[] r2 = new double[names.size()];
        for (int a = 0; a < names.size(); a++) {
            double[] y = new double[n];
            for (int c = 0; c < n; c++) {
                y[c] = attributes.get(c)[a];
            }
            RidgeRegression fit = RidgeRegression.fit(flat, y, relativeL2);
            betas.add(fit.coefficients());
            r2[a] = fit.r2();
        }
        return new Regression(List.copyOf(names), List.copyOf(betas), r2, numWs, wDim);
    }

    /** The axis with every nuisance direction projected out, unit. */
    public float[] projectOut(float[] axis) {
        return ConditionalDirection.projectOut(axis, directions);
    }

    /** cos(axis, n_a) for each attribute. */
    public double[] cosines(float[] axis) {
        double[] out = new double[directions.size()];
        for (int a = 0; a < out.length; a++) {
            out[a] = ConditionalDirection.cosine(axis, directions.get(a));
        }
        return out;
    }
}
