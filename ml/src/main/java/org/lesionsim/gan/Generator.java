package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * StyleGAN2-ADA generator ({@code networks.py: Generator}, unconditional): {@link MappingNetwork}
 * z {@code [N, z_dim]} to ws {@code [N, num_ws, w_dim]}, then {@link SynthesisNetwork} ws to images
 * {@code [N, img_channels, res, res]} with values around [-1, 1]. Tensors carry the official
 * {@code state_dict} names (see {@code OFFICIAL_CHECKPOINT_NAMES.md}).
 *
 * <p>Forward calls allocate on the manager of their input: run them inside a per-step
 * sub-manager or {@code NDScope}. Closing the generator frees its parameters.
 */
public final class Generator implements AutoCloseable {
    /** {@code architecture} in the config file beside the weights. */
    public static final String ARCHITECTURE = "stylegan2-ada-generator";

    private final GeneratorConfig config;
    private final StateDict params;
    private final SynthesisNetwork synthesis;
    private final MappingNetwork mapping;
    private volatile Precision precision = Precision.MIXED_ON_GPU;

    /** Builds the network on {@code params}: fresh ones are initialised, loaded ones must match exactly. */
    public Generator(GeneratorConfig config, StateDict params) {
        this.config = config;
        this.params = params;
        // Same order as the reference: synthesis first (it defines num_ws), then mapping.
        this.synthesis = new SynthesisNetwork(params, "synthesis", config);
        this.mapping = new MappingNetwork(params, "mapping", config.zDim(), config.wDim(), synthesis.numWs(),
                config.mappingLayers(), config.mappingLrMultiplier(), config.wAvgBeta());
        params.requireAllClaimed();
    }

    /** A freshly initialised generator; the same seed gives the same weights. */
    public static Generator create(GeneratorConfig config, NDManager parent, long seed) {
        return new Generator(config, StateDict.fresh(parent, seed));
    }

    /** Loads {@code generator.safetensors} and the {@code generator.json} beside it. */
    public static Generator load(Path safetensors, NDManager parent) throws IOException {
        GeneratorConfig config = NetworkFiles.readConfig(safetensors, ARCHITECTURE, GeneratorConfig.class);
        StateDict params = StateDict.load(safetensors, parent);
        try {
            return new Generator(config, params);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    public void save(Path safetensors) throws IOException {
        NetworkFiles.save(safetensors, ARCHITECTURE, config, params);
    }

    /** An independent copy with the same weights (e.g. the EMA generator {@code G_ema}) and precision. */
    public Generator copy(NDManager parent) {
        return new Generator(config, params.copy(parent)).precision(precision);
    }

    /**
     * Which of the {@code numFp16Res} blocks synthesis runs in FP16 ({@link Precision#MIXED_ON_GPU} by
     * default; {@link Precision#FP32} is the reference's {@code force_fp32}).
     */
    public Generator precision(Precision precision) {
        this.precision = java.util.Objects.requireNonNull(precision);
        return this;
    }

    public Precision precision() {
        return precision;
    }

    /** z {@code [N, z_dim]} to ws {@code [N, num_ws, w_dim]}; {@code psi = 1} means no truncation. */
    public NDArray mapping(NDArray z, double truncationPsi) {
        return mapping.forward(z, truncationPsi, null, false);
    }

    /** As {@link #mapping(NDArray, double)}, truncating only the first {@code cutoff} ws, updating w_avg when training. */
    public NDArray mapping(NDArray z, double truncationPsi, Integer truncationCutoff, boolean updateWAvg) {
        return mapping.forward(z, truncationPsi, truncationCutoff, updateWAvg);
    }

    /** ws {@code [N, num_ws, w_dim]} to images {@code [N, img_channels, res, res]}. */
    public NDArray synthesis(NDArray ws, NoiseMode noiseMode) {
        return synthesis.forward(ws, noiseMode, preferFused(ws), precision);
    }

    /** As {@link #synthesis(NDArray, NoiseMode)} with an explicit choice of the modulated-conv form. */
    public NDArray synthesis(NDArray ws, NoiseMode noiseMode, boolean fusedModconv) {
        return synthesis.forward(ws, noiseMode, fusedModconv, precision);
    }

    /**
     * z {@code [n, z_dim]} ~ N(0, 1) from a Java random stream, on {@code manager}: the same latents
     * on every platform and engine, and a stream a training step can reseed.
     */
    public NDArray latents(NDManager manager, int n, Random random) {
        float[] z = new float[n * zDim()];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        return manager.create(z, new Shape(n, zDim()));
    }

    /** z to images. */
    public NDArray forward(NDArray z, double truncationPsi, NoiseMode noiseMode) {
        return synthesis(mapping(z, truncationPsi), noiseMode);
    }

    /**
     * The fused grouped convolution pays off for one sample; for batches one shared convolution
     * with scaled activations is faster on CPU (GanBenchmark).
     */
    private static boolean preferFused(NDArray ws) {
        return ws.getShape().get(0) == 1;
    }

    /**
     * Every style affine weight {@code [in_channels, w_dim]} by official name
     * ({@code synthesis.b4.conv1.affine.weight}, ..., toRGB layers included), in synthesis order.
     * These are the stored parameters; SeFa factorises them.
     */
    public Map<String, NDArray> styleAffineWeights() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        synthesis.blocks().forEach((res, block) -> {
            String prefix = "synthesis.b" + res + ".";
            if (block.conv0() != null) {
                out.put(prefix + "conv0.affine.weight", block.conv0().affine().weight());
            }
            out.put(prefix + "conv1.affine.weight", block.conv1().affine().weight());
            out.put(prefix + "torgb.affine.weight", block.torgb().affine().weight());
        });
        return out;
    }

    /** The tracked average W {@code [w_dim]} ({@code mapping.w_avg}). */
    public NDArray wAvg() {
        return mapping.wAvg();
    }

    public int numWs() {
        return synthesis.numWs();
    }

    public int wDim() {
        return config.wDim();
    }

    public int zDim() {
        return config.zDim();
    }

    public int resolution() {
        return config.resolution();
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Parameters and buffers by official name (the optimiser reads {@code parameters()}). */
    public StateDict stateDict() {
        return params;
    }

    public MappingNetwork mappingNetwork() {
        return mapping;
    }

    public SynthesisNetwork synthesisNetwork() {
        return synthesis;
    }

    @Override
    public void close() {
        params.close();
    }
}
