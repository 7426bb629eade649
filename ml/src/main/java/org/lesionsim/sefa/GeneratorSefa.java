package org.lesionsim.sefa;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lesionsim.gan.Generator;

/**
 * SeFa on a trained generator: its style-affine weights ({@code synthesis.b*.conv*.affine.weight},
 * optionally the toRGB ones), chosen by W+ index, factorised in closed form.
 */
public final class GeneratorSefa {
    private GeneratorSefa() {
    }

    /**
     * The W+ index each style-affine layer reads, as in the official synthesis network: the 4×4
     * block's conv1 reads w0 and its toRGB w1; the block of level k ≥ 1 (resolution 4·2^k) reads
     * w(2k−1) in conv0, w(2k) in conv1 and w(2k+1) in toRGB.
     */
    public static Map<String, Integer> wsIndexOfLayer(Generator generator) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String name : generator.styleAffineWeights().keySet()) {
            int res = Integer.parseInt(name.substring("synthesis.b".length(), name.indexOf('.', "synthesis.b".length())));
            int k = Integer.numberOfTrailingZeros(res) - 2;
            String layer = name.split("\\.")[2];
            int ws = switch (layer) {
                case "conv0" -> 2 * k - 1;
                case "conv1" -> 2 * k;
                case "torgb" -> 2 * k + 1;
                default -> throw new IllegalStateException("not a style-affine layer: " + name);
            };
            index.put(name, ws);
        }
        return index;
    }

    public static SefaResult factorize(Generator generator, LayerSelection selection) {
        List<NamedWeight> weights = new ArrayList<>();
        generator.styleAffineWeights().forEach((name, w) -> weights.add(new NamedWeight(name, toMatrix(w))));
        return SefaFactorization.factorize(selection.selectWeights(weights, wsIndexOfLayer(generator)));
    }

    private static float[][] toMatrix(NDArray weight) {
        int rows = (int) weight.getShape().get(0);
        int cols = (int) weight.getShape().get(1);
        float[] flat = weight.toFloatArray();
        float[][] m = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, m[r], 0, cols);
        }
        return m;
    }
}
