package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.gan.NetworkFiles;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.gan.loss.AutogradGrad;
import org.lesionsim.gan.loss.NonSaturatingLogisticLoss;

/**
 * e4e's latent discriminator ({@code models/discriminator.py: LatentCodesDiscriminator(w_dim, 4)}):
 * an MLP of {@code nn.Linear} layers {@code mlp.0, mlp.2, mlp.4} ({@code w_dim -> w_dim}, each
 * followed by LeakyReLU 0.2) and {@code mlp.6} ({@code w_dim -> 1}). In: w {@code [N, w_dim]}; out:
 * logits {@code [N, 1]}. It tells the mapping network's w ("real") from the encoder's ("fake"), which
 * keeps encoded latents inside W ({@code coach.py}: {@code w_discriminator}). Losses are the
 * non-saturating logistic ones and R1 on real w, as the coach computes them.
 */
public final class LatentDiscriminator implements AutoCloseable {
    public static final String ARCHITECTURE = "e4e-latent-discriminator";
    public static final int LAYERS = 4;

    private final Config config;
    private final StateDict params;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();

    /** @param wDim W dimensionality; @param layers number of linear layers (4) */
    public record Config(int wDim, int layers) {
    }

    public LatentDiscriminator(Config config, StateDict params) {
        this.config = config;
        this.params = params;
        for (int i = 0; i < config.layers(); i++) {
            int out = i == config.layers() - 1 ? 1 : config.wDim();
            double bound = 1.0 / Math.sqrt(config.wDim());
            String name = "mlp." + (2 * i);
            weights.add(params.parameter(name + ".weight", new Shape(out, config.wDim()), PlainConv2d.uniform(bound)));
            biases.add(params.parameter(name + ".bias", new Shape(out), PlainConv2d.uniform(bound)));
        }
        params.requireAllClaimed();
    }

    public static LatentDiscriminator create(int wDim, NDManager parent, long seed) {
        return new LatentDiscriminator(new Config(wDim, LAYERS), StateDict.fresh(parent, seed));
    }

    public static LatentDiscriminator load(Path safetensors, NDManager parent) throws IOException {
        Config config = NetworkFiles.readConfig(safetensors, ARCHITECTURE, Config.class);
        StateDict params = StateDict.load(safetensors, parent);
        try {
            return new LatentDiscriminator(config, params);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    public void save(Path safetensors) throws IOException {
        NetworkFiles.save(safetensors, ARCHITECTURE, config, params);
    }

    /** w {@code [N, w_dim]} to logits {@code [N, 1]}. */
    public NDArray forward(NDArray w) {
        NDArray x = w;
        for (int i = 0; i < weights.size(); i++) {
            x = x.matMul(StepArrays.view(w, weights.get(i)).transpose()).add(StepArrays.view(w, biases.get(i)));
            if (i < weights.size() - 1) {
                x = Activation.leakyRelu(x, 0.2f);
            }
        }
        return x;
    }

    /** {@code softplus(-D(real)).mean() + softplus(D(fake)).mean()} ({@code Coach.discriminator_loss}). */
    public NDArray discriminatorLoss(NDArray realW, NDArray fakeW) {
        NDArray real = NonSaturatingLogisticLoss.discriminatorReal(forward(realW)).mean();
        return real.add(NonSaturatingLogisticLoss.discriminatorFake(forward(fakeW)).mean());
    }

    /** {@code softplus(-D(fake)).mean()}: the encoder wants its ws called real. */
    public NDArray encoderLoss(NDArray fakeW) {
        return NonSaturatingLogisticLoss.generator(forward(fakeW)).mean();
    }

    /**
     * {@code Coach.discriminator_r1_loss}: mean over the batch of {@code ||d sum D(w) / d w||^2} on real w,
     * with the gradient itself differentiable; call inside a gradient collector and backprop
     * {@code r1 / 2 * penalty * interval}.
     */
    public NDArray r1Penalty(AutogradGrad autograd, NDArray realW) {
        NDArray w = realW.stopGradient();
        w.setRequiresGradient(true);
        NDArray grads = autograd.grad(forward(w).sum(), w);
        return grads.square().sum(new int[] {1}).mean();
    }

    public StateDict stateDict() {
        return params;
    }

    @Override
    public void close() {
        params.close();
    }
}
