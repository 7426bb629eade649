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
 * change between frames is the edit. Frames are rendered one at a time through the same path,
 * so α = 0 reproduces the unedited image exactly.
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
        List<BufferedImage> frames = new ArrayList<>();
        for (double alpha : alphas) {
            float[] edited = new float[numWs * wDim];
            for (int i = 0; i < numWs; i++) {
                boolean edit = layers.includesIndex(i);
                for (int j = 0; j < wDim; j++) {
                    edited[i * wDim + j] = edit ? (float) (wPlus[i][j] + alpha * direction[j]) : wPlus[i][j];
                }
            }
            try (NDManager step = parent.newSubManager()) {
                NDArray ws = step.create(edited, new Shape(1, numWs, wDim));
                frames.add(toImage(generator.synthesis(ws, NoiseMode.CONST)));
            }
        }
        return frames;
    }

    /** [1, 3, H, W] in [-1, 1] → 8-bit RGB, as the reference saves images (and the inversion worker its reconstructions). */
    static BufferedImage toImage(NDArray image) {
        return GanPixels.toImage(image.toFloatArray(), (int) image.getShape().get(3), (int) image.getShape().get(2));
    }
}
