package org.lesionsim.progression;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.sefa.LayerSelection;

/**
 * The research's progression: move an inverted W+ code along a direction, w_i ← w_i + α·d for
 * the selected W+ indices i, and render one frame per α with constant noise, so that the only
 * change between frames is the edit. The edited frames of a walk go through the generator as one
 * batch; α = 0 is rendered alone, so it reproduces the unedited image exactly.
 */
public final class ProgressionRenderer {
    private ProgressionRenderer() {
    }

    /**
     * @param wPlus     [numWs][wDim] code of the case (from the encoder)
     * @param direction unit vector in W ([wDim])
     */
    public static List<BufferedImage> render(Generator generator, float[][] wPlus, float[] direction, LayerSelection layers,
                                             List<Double> alphas, NDManager parent) {
        int numWs = generator.numWs();
        int wDim = generator.wDim();
        if (wPlus.length != numWs || wPlus[0].length != wDim || direction.length != wDim) {
            throw new IllegalArgumentException("expected W+ [" + numWs + "][" + wDim + "] and a direction of " + wDim
                    + ", got [" + wPlus.length + "][" + wPlus[0].length + "] and " + direction.length);
        }
        // α = 0 is rendered on its own, exactly as the inversion worker renders the reconstruction (a batch of
        // one): a batch changes the order of floating-point sums, which moves about 1 pixel in 4,000 by one
        // level (ProgressionBenchmark), and the first frame must be the reconstruction itself. The edited
        // frames go through the generator as one batch: the per-call cost is paid once per walk, not per frame.
        List<Integer> edited = new ArrayList<>();
        for (int f = 0; f < alphas.size(); f++) {
            if (alphas.get(f) != 0.0) {
                edited.add(f);
            }
        }
        BufferedImage[] frames = new BufferedImage[alphas.size()];
        try (NDManager step = parent.newSubManager()) {
            if (edited.size() < alphas.size()) {
                BufferedImage unedited = renderBatch(generator, wPlus, direction, layers, List.of(0.0), step).get(0);
                for (int f = 0; f < alphas.size(); f++) {
                    frames[f] = alphas.get(f) == 0.0 ? unedited : null;
                }
            }
            if (!edited.isEmpty()) {
                List<BufferedImage> images = renderBatch(generator, wPlus, direction, layers,
                        edited.stream().map(alphas::get).toList(), step);
                for (int k = 0; k < edited.size(); k++) {
                    frames[edited.get(k)] = images.get(k);
                }
            }
        }
        return List.of(frames);
    }

    /** One synthesis call: frame f is w_i + α_f·d on the selected rows, constant noise. */
    private static List<BufferedImage> renderBatch(Generator generator, float[][] wPlus, float[] direction, LayerSelection layers,
                                                   List<Double> alphas, NDManager manager) {
        int numWs = wPlus.length;
        int wDim = wPlus[0].length;
        float[] ws = new float[alphas.size() * numWs * wDim];
        for (int f = 0; f < alphas.size(); f++) {
            double alpha = alphas.get(f);
            for (int i = 0; i < numWs; i++) {
                boolean edit = layers.includesIndex(i);
                for (int j = 0; j < wDim; j++) {
                    ws[(f * numWs + i) * wDim + j] = edit ? (float) (wPlus[i][j] + alpha * direction[j]) : wPlus[i][j];
                }
            }
        }
        NDArray images = generator.synthesis(manager.create(ws, new Shape(alphas.size(), numWs, wDim)), NoiseMode.CONST);
        List<BufferedImage> frames = new ArrayList<>();
        for (int f = 0; f < alphas.size(); f++) {
            frames.add(toImage(images.get(f).expandDims(0)));
        }
        return frames;
    }

    /** [1, 3, H, W] in [-1, 1] → 8-bit RGB, as the reference saves images (and the inversion worker its reconstructions). */
    static BufferedImage toImage(NDArray image) {
        return GanPixels.toImage(image.toFloatArray(), (int) image.getShape().get(3), (int) image.getShape().get(2));
    }
}
