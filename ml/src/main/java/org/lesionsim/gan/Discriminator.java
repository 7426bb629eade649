package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * StyleGAN2-ADA discriminator ({@code networks.py: Discriminator}, unconditional, {@code resnet}):
 * blocks {@code b<res> ... b8} halve the resolution, {@code b4} is the {@link DiscriminatorEpilogue}.
 * Input images {@code [N, img_channels, res, res]} in [-1, 1], output logits {@code [N, 1]}.
 * Forward calls allocate on the manager of their input; closing frees the parameters.
 */
public final class Discriminator implements AutoCloseable {
    /** {@code architecture} in the config file beside the weights. */
    public static final String ARCHITECTURE = "stylegan2-ada-discriminator";

    private final DiscriminatorConfig config;
    private final StateDict params;
    private final List<DiscriminatorBlock> blocks = new ArrayList<>();
    private final DiscriminatorEpilogue epilogue;
    private volatile Precision precision = Precision.MIXED_ON_GPU;

    /** Builds the network on {@code params}: fresh ones are initialised, loaded ones must match exactly. */
    public Discriminator(DiscriminatorConfig config, StateDict params) {
        this.config = config;
        this.params = params;
        for (int res = config.resolution(); res > 4; res /= 2) {
            int in = res < config.resolution() ? config.channels(res) : 0;
            blocks.add(new DiscriminatorBlock(params, "b" + res, in, config.channels(res), config.channels(res / 2),
                    config.imgChannels(), Upfirdn2d.DEFAULT_TAPS, config.convClamp(), config.fp16Block(res)));
        }
        this.epilogue = new DiscriminatorEpilogue(params, "b4", config.channels(4), 4, config.mbstdGroupSize(),
                config.mbstdChannels(), config.convClamp());
        params.requireAllClaimed();
    }

    /** A freshly initialised discriminator; the same seed gives the same weights. */
    public static Discriminator create(DiscriminatorConfig config, NDManager parent, long seed) {
        return new Discriminator(config, StateDict.fresh(parent, seed));
    }

    /** Loads {@code discriminator.safetensors} and the {@code discriminator.json} beside it. */
    public static Discriminator load(Path safetensors, NDManager parent) throws IOException {
        DiscriminatorConfig config = NetworkFiles.readConfig(safetensors, ARCHITECTURE, DiscriminatorConfig.class);
        StateDict params = StateDict.load(safetensors, parent);
        try {
            return new Discriminator(config, params);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    public void save(Path safetensors) throws IOException {
        NetworkFiles.save(safetensors, ARCHITECTURE, config, params);
    }

    /** Images {@code [N, C, res, res]} to logits {@code [N, 1]}. */
    public NDArray forward(NDArray img) {
        long res = config.resolution();
        if (img.getShape().dimension() != 4 || img.getShape().get(1) != config.imgChannels()
                || img.getShape().get(2) != res || img.getShape().get(3) != res) {
            throw new IllegalArgumentException("images must be [N, " + config.imgChannels() + ", " + res + ", " + res
                    + "], got " + img.getShape());
        }
        NDArray x = null;
        for (DiscriminatorBlock block : blocks) {
            x = block.forward(x, img, precision);
        }
        return epilogue.forward(Precision.like(x, img)); // the epilogue runs in the image's type, never FP16
    }

    /** Which of the {@code numFp16Res} blocks run in FP16 (as {@link Generator#precision(Precision)}). */
    public Discriminator precision(Precision precision) {
        this.precision = java.util.Objects.requireNonNull(precision);
        return this;
    }

    public Precision precision() {
        return precision;
    }

    public DiscriminatorConfig config() {
        return config;
    }

    /** Parameters and buffers by official name. */
    public StateDict stateDict() {
        return params;
    }

    @Override
    public void close() {
        params.close();
    }
}
