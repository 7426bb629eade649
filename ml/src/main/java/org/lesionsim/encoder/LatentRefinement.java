package org.lesionsim.encoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.gan.training.Adam;

/**
 * Optimisation-based refinement of an encoded latent (the "encoder then optimise" recipe of e4e's
 * follow-ups): {@code steps} Adam updates of W+ itself, starting from the encoder's guess, on
 * {@code l2_lambda * mse(G(W+), x) + perceptual_lambda * perceptual(G(W+), x)}, gradients through
 * the frozen generator (constant noise; G's parameters take no gradient). In: target
 * {@code [N, 3, R, R]} in [-1, 1] and the initial W+ {@code [N, num_ws, w_dim]}. Out: the refined W+
 * as plain floats (C order, same shape).
 */
public final class LatentRefinement {
    private final Generator generator;
    private final PerceptualLoss perceptual;
    private final double lr;
    private final double l2Lambda;
    private final double perceptualLambda;

    /** @param perceptual null = L2 only */
    public LatentRefinement(Generator generator, PerceptualLoss perceptual, double lr, double l2Lambda,
            double perceptualLambda) {
        this.generator = generator;
        this.perceptual = perceptual;
        this.lr = lr;
        this.l2Lambda = l2Lambda;
        this.perceptualLambda = perceptual == null ? 0 : perceptualLambda;
    }

    /** lr 0.01, L2 weight 1, perceptual weight 0.8 (the encoder's own loss weights). */
    public static LatentRefinement withDefaults(Generator generator, PerceptualLoss perceptual) {
        return new LatentRefinement(generator, perceptual, 0.01, 1.0, 0.8);
    }

    public float[] refine(NDArray target, NDArray initialWs, int steps, NDManager parent) {
        float[] start = initialWs.toFloatArray();
        if (steps <= 0) {
            return start;
        }
        generator.stateDict().parameters().values().forEach(p -> p.setRequiresGradient(false));
        try (NDManager own = parent.newSubManager(); StateDict latent = StateDict.fresh(own, 0)) {
            NDArray ws = latent.parameter("ws", initialWs.getShape(), StateDict.Init.values(start));
            NDArray x = own.create(target.toFloatArray(), target.getShape());
            latent.requireGradients();
            Engine engine = own.getEngine();
            try (Adam adam = new Adam(latent, own, lr, 0.9, 0.999, 0)) {
                for (int i = 0; i < steps; i++) {
                    try (NDScope scope = new NDScope(); NDManager sm = own.newSubManager()) {
                        NDArray xs = StepArrays.view(sm.zeros(new ai.djl.ndarray.types.Shape(1)), x);
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray recon = generator.synthesis(StepArrays.view(xs, ws), NoiseMode.CONST);
                            NDArray loss = StepArrays.mul(recon.sub(xs).square().mean(), l2Lambda);
                            if (perceptualLambda > 0) {
                                loss = loss.add(StepArrays.mul(perceptual.loss(recon, xs).mean(), perceptualLambda));
                            }
                            collector.backward(loss);
                        }
                        adam.step(sm);
                    }
                }
            }
            return ws.toFloatArray();
        }
    }
}
