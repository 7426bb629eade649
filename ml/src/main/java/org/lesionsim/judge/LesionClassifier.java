package org.lesionsim.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.encoder.PlainConv2d;
import org.lesionsim.gan.NetworkFiles;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;

/**
 * The independent judge: a small CNN that reads a dermoscopy image and gives the logit of
 * P(melanoma) against nevus. It shares nothing with the generator or its latent space (own
 * weights, trained on real images only), so a walk that pleases the generator's axis still has to
 * convince it.
 *
 * <p>Architecture ({@code [N, 3, R, R]} in [-1, 1] → {@code [N]} logits): per stage, 3×3 conv
 * (stride 1) → leaky ReLU 0.2 → 3×3 conv (stride 2, halving the side) → leaky ReLU 0.2, with
 * {@code channels} per stage (default 16, 32, 64, 64: 64² → 4²); global average pooling; one
 * linear unit. No normalisation layers, so training and inference compute the same function.
 */
public final class LesionClassifier implements AutoCloseable {
    public static final String ARCHITECTURE = "LesionClassifier";

    /** @param resolution input side; @param channels output channels of each stride-2 stage */
    public record Config(int resolution, List<Integer> channels) {
        public static Config standard(int resolution) {
            return new Config(resolution, List.of(16, 32, 64, 64));
        }
    }

    private final Config config;
    private final StateDict params;
    private final List<PlainConv2d[]> stages = new ArrayList<>();
    private final NDArray fcWeight;
    private final NDArray fcBias;

    private LesionClassifier(Config config, StateDict params) {
        this.config = config;
        this.params = params;
        int in = 3;
        for (int s = 0; s < config.channels().size(); s++) {
            int out = config.channels().get(s);
            stages.add(new PlainConv2d[] {
                new PlainConv2d(params, "stages." + s + ".conv0", in, out, PlainConv2d.kernel(3).padding(1)),
                new PlainConv2d(params, "stages." + s + ".conv1", out, out, PlainConv2d.kernel(3).stride(2).padding(1))});
            in = out;
        }
        double bound = 1.0 / Math.sqrt(in);
        this.fcWeight = params.parameter("fc.weight", new Shape(1, in), PlainConv2d.uniform(bound));
        this.fcBias = params.parameter("fc.bias", new Shape(1), PlainConv2d.uniform(bound));
    }

    /** Fresh weights from {@code seed} (PyTorch's default initialisation). */
    public static LesionClassifier create(Config config, NDManager parent, long seed) {
        return new LesionClassifier(config, StateDict.fresh(parent, seed));
    }

    /** Weights and the config beside them, as {@link #save} wrote them. */
    public static LesionClassifier load(Path safetensors, NDManager parent) throws IOException {
        Config config = NetworkFiles.readConfig(safetensors, ARCHITECTURE, Config.class);
        StateDict params = StateDict.load(safetensors, parent);
        LesionClassifier net = new LesionClassifier(config, params);
        params.requireAllClaimed();
        return net;
    }

    public void save(Path safetensors) throws IOException {
        NetworkFiles.save(safetensors, ARCHITECTURE, config, params);
    }

    /** Logits {@code [N]} of P(mel) for images {@code [N, 3, R, R]} in [-1, 1]. */
    public NDArray forward(NDArray images) {
        NDArray pooled = features(images);
        NDArray logits = Linear.linear(pooled, StepArrays.view(pooled, fcWeight), StepArrays.view(pooled, fcBias))
                .singletonOrThrow();
        return logits.reshape(logits.getShape().get(0));
    }

    /** The globally pooled features {@code [N, C]} the linear unit reads: what the judge "sees" of an image. */
    public NDArray features(NDArray images) {
        if (images.getShape().dimension() != 4 || images.getShape().get(2) != config.resolution()
                || images.getShape().get(3) != config.resolution()) {
            throw new IllegalArgumentException("expected [N, 3, " + config.resolution() + ", " + config.resolution()
                    + "], got " + images.getShape());
        }
        NDArray x = images;
        for (PlainConv2d[] stage : stages) {
            x = Activation.leakyRelu(stage[0].forward(x), 0.2f);
            x = Activation.leakyRelu(stage[1].forward(x), 0.2f);
        }
        long side = x.getShape().get(2) * x.getShape().get(3);
        return StepArrays.mul(x.sum(new int[] {2, 3}), 1.0 / side); // multi-axis mean is missing in DJL
    }

    /** P(mel) per image, without gradients. */
    public float[] probabilities(NDArray images) {
        return evaluate(images).probabilities();
    }

    /** P(mel) and the pooled features of each image, in one pass and without gradients. */
    public Evaluation evaluate(NDArray images) {
        try (NDManager step = images.getManager().newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(step);
            NDArray pooled = features(x);
            NDArray logits = Linear.linear(pooled, StepArrays.view(pooled, fcWeight), StepArrays.view(pooled, fcBias))
                    .singletonOrThrow();
            float[] p = Activation.sigmoid(logits.reshape(logits.getShape().get(0))).toFloatArray();
            int n = p.length;
            int c = (int) pooled.getShape().get(1);
            float[] flat = pooled.toFloatArray();
            float[][] features = new float[n][];
            for (int i = 0; i < n; i++) {
                features[i] = java.util.Arrays.copyOfRange(flat, i * c, (i + 1) * c);
            }
            return new Evaluation(p, features);
        }
    }

    /** What the judge says of a batch: P(mel) per image and its pooled feature vector. */
    public record Evaluation(float[] probabilities, float[][] features) {
    }

    public Config config() {
        return config;
    }

    public StateDict stateDict() {
        return params;
    }

    @Override
    public void close() {
        params.close();
    }
}
