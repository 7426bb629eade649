package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.gan.WPlus;

/**
 * GAN inversion of one image, the call an inversion worker makes: encoder guess, optional latent
 * refinement, reconstruction. In: an RGB image {@code [3, R, R]} in [-1, 1] (R the generator's
 * resolution). Out: W+ float32 {@code [num_ws, w_dim]} (a {@link WPlus}), the
 * reconstruction {@code G(W+)} with constant noise, and its reconstruction L2 = mean squared error
 * over every channel and pixel in [-1, 1] (e4e's {@code F.mse_loss}, as {@code metrics.PixelL2}).
 * The encoder and generator are borrowed, not closed here.
 */
public final class Inversion {
    private final E4eEncoder encoder;
    private final Generator generator;
    private final LatentRefinement refinement;
    private final NDManager manager;

    /** @param refinement null = encoder only */
    public Inversion(E4eEncoder encoder, Generator generator, LatentRefinement refinement, NDManager manager) {
        if (encoder.config().resolution() != generator.resolution() || encoder.config().numWs() != generator.numWs()
                || encoder.config().wDim() != generator.wDim()) {
            throw new IllegalArgumentException("encoder (" + encoder.config() + ") does not fit the generator ("
                    + generator.config() + ")");
        }
        this.encoder = encoder;
        this.generator = generator;
        this.refinement = refinement;
        this.manager = manager;
    }

    /**
     * @param ws               W+ {@code [num_ws, w_dim]}, C order
     * @param reconstruction   {@code [3, R, R]} in about [-1, 1]
     * @param reconstructionL2 MSE of reconstruction against the input, in [-1, 1] units
     * @param encoderL2        the same for the encoder's guess before refinement
     */
    public record Result(float[] ws, int numWs, int wDim, float[] reconstruction, double reconstructionL2,
            double encoderL2, int refinementSteps) {
        /** The latent as an {@code .npy} matrix. */
        public WPlus latent() {
            return new WPlus(numWs, wDim, ws);
        }
    }

    /** {@code image} is {@code [3, R, R]} values in [-1, 1], C order. */
    public Result invert(float[] image, int refinementSteps) {
        int res = generator.resolution();
        if (image.length != 3 * res * res) {
            throw new IllegalArgumentException("expected a [3, " + res + ", " + res + "] image, got " + image.length + " values");
        }
        if (refinementSteps > 0 && refinement == null) {
            throw new IllegalArgumentException("refinement steps requested but no LatentRefinement configured");
        }
        encoder.setTraining(false);
        try (NDScope scope = new NDScope(); NDManager sm = manager.newSubManager()) {
            NDArray x = sm.create(image, new Shape(1, 3, res, res));
            NDArray guess = encoder.forward(x);
            NDArray guessRecon = generator.synthesis(guess, NoiseMode.CONST);
            double encoderL2 = guessRecon.sub(x).square().mean().getFloat();
            float[] ws = guess.toFloatArray();
            NDArray recon = guessRecon;
            double l2 = encoderL2;
            if (refinementSteps > 0) {
                ws = refinement.refine(x, guess, refinementSteps, sm);
                recon = generator.synthesis(sm.create(ws, guess.getShape()), NoiseMode.CONST);
                l2 = recon.sub(x).square().mean().getFloat();
            }
            return new Result(ws, generator.numWs(), generator.wDim(), recon.toFloatArray(), l2, encoderL2, refinementSteps);
        }
    }

    /** As {@link #invert(float[], int)} for an NDArray {@code [3, R, R]}. */
    public Result invert(NDArray image, int refinementSteps) {
        return invert(image.toFloatArray(), refinementSteps);
    }
}
