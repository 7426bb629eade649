package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.gan.NetworkFiles;
import org.lesionsim.gan.StateDict;

/**
 * The e4e encoder ({@code psp_encoders.py: Encoder4Editing}, IR-SE, plus pSp's {@code latent_avg}).
 * In: images {@code [N, 3, R, R]} in [-1, 1], R the generator's resolution (the reference resizes to
 * 256 first; here the input is used at the generator's own size, see {@link EncoderConfig}).
 * Out: W+ {@code [N, num_ws, w_dim]} = {@code latent_avg + w0} repeated over all ws, plus
 * {@code delta_i} on w {@code i} for the opened deltas {@code 1 <= i <= progressiveStage}; the
 * unopened ws stay at {@code latent_avg + w0}. {@code w0} comes from {@code styles.0} on the coarse
 * features, delta {@code i} from {@code styles.i} on the coarse, middle (FPN {@code p2}) or fine
 * (FPN {@code p1}) features by the coarse/middle split.
 *
 * <p>{@code latent_avg} is a buffer: the generator's {@code w_avg} when the encoder is made for it,
 * saved with the weights as pSp saves it. BatchNorm uses batch statistics while {@link #training}
 * and the running statistics otherwise (the default). Forward calls allocate on the input's manager.
 */
public final class E4eEncoder implements AutoCloseable {
    public static final String ARCHITECTURE = "e4e-encoder-ir-se";

    private final EncoderConfig config;
    private final StateDict params;
    private final IrSeBackbone backbone;
    private final List<GradualStyleBlock> styles = new ArrayList<>();
    private final PlainConv2d latlayer1;
    private final PlainConv2d latlayer2;
    private final NDArray latentAvg;
    private int progressiveStage;
    private boolean training;

    /** Builds the network on {@code params}: fresh ones are initialised, loaded ones must match exactly. */
    public E4eEncoder(EncoderConfig config, StateDict params) {
        this.config = config;
        this.params = params;
        BackboneConfig b = config.backbone();
        this.backbone = new IrSeBackbone(params, b);
        int top = b.widths().get(3);
        int side = config.coarseSide();
        for (int i = 0; i < config.numWs(); i++) {
            int spatial = i < config.coarseInd() ? side : i < config.middleInd() ? side * 2 : side * 4;
            styles.add(new GradualStyleBlock(params, "styles." + i, top, config.wDim(), spatial));
        }
        this.latlayer1 = new PlainConv2d(params, "latlayer1", b.widths().get(2), top, PlainConv2d.kernel(1));
        this.latlayer2 = new PlainConv2d(params, "latlayer2", b.widths().get(1), top, PlainConv2d.kernel(1));
        this.latentAvg = params.buffer("latent_avg", new Shape(config.wDim()), StateDict.Init.constant(0));
        params.requireAllClaimed();
        this.progressiveStage = config.numWs() - 1; // ProgressiveStage.Inference: every delta
    }

    /** Fresh weights from {@code seed}; {@code latentAvg} is the generator's {@code w_avg} {@code [w_dim]}. */
    public static E4eEncoder create(EncoderConfig config, NDArray latentAvg, NDManager parent, long seed) {
        E4eEncoder encoder = new E4eEncoder(config, StateDict.fresh(parent, seed));
        encoder.latentAvg.set(latentAvg.toFloatArray());
        return encoder;
    }

    /** Loads {@code encoder.safetensors} and the {@code encoder.json} beside it, at its saved progressive stage. */
    public static E4eEncoder load(Path safetensors, NDManager parent) throws IOException {
        Saved saved = NetworkFiles.readConfig(safetensors, ARCHITECTURE, Saved.class);
        StateDict params = StateDict.load(safetensors, parent);
        try {
            E4eEncoder encoder = new E4eEncoder(saved.architecture(), params);
            encoder.setProgressiveStage(saved.progressiveStage());
            return encoder;
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    /** Writes the weights and, beside them, the architecture and the progressive stage (deltas beyond it were never trained). */
    public void save(Path safetensors) throws IOException {
        NetworkFiles.save(safetensors, ARCHITECTURE, new Saved(config, progressiveStage), params);
    }

    /** The JSON config of a saved encoder. */
    public record Saved(EncoderConfig architecture, int progressiveStage) {
    }

    /** Images {@code [N, 3, R, R]} to W+ {@code [N, num_ws, w_dim]}. */
    public NDArray forward(NDArray images) {
        return encode(images).ws();
    }

    /** W+ and the opened deltas, for the delta regulariser. */
    public Encoding encode(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3 || shape.get(2) != config.resolution()
                || shape.get(3) != config.resolution()) {
            throw new IllegalArgumentException("encoder needs [N, 3, " + config.resolution() + ", "
                    + config.resolution() + "] images, got " + shape);
        }
        IrSeBackbone.Features f = backbone.forward(images, training);
        NDArray w0 = styles.get(0).forward(f.c3());
        NDArray features = f.c3();
        NDArray p2 = null;
        NDArray p1 = null;
        NDList ws = new NDList(w0);
        NDList deltas = new NDList();
        for (int i = 1; i < config.numWs(); i++) {
            if (i > progressiveStage) {
                ws.add(w0);
                continue;
            }
            if (i >= config.coarseInd() && p2 == null) {
                p2 = UpsampleAdd.upsampleAdd(f.c3(), latlayer1.forward(f.c2())); // FPN's middle features
                features = p2;
            }
            if (i >= config.middleInd() && p1 == null) {
                p1 = UpsampleAdd.upsampleAdd(p2, latlayer2.forward(f.c1())); // FPN's fine features
                features = p1;
            }
            NDArray delta = styles.get(i).forward(features);
            deltas.add(delta);
            ws.add(w0.add(delta));
        }
        NDArray avg = latentAvgOn(images).reshape(1, 1, config.wDim());
        return new Encoding(NDArrays.stack(ws, 1).add(avg), deltas);
    }

    private NDArray latentAvgOn(NDArray like) {
        return org.lesionsim.gan.StepArrays.view(like, latentAvg);
    }

    /** Deltas {@code 1..stage} are computed; the rest stay zero ({@code ProgressiveStage}); {@code num_ws - 1} = all. */
    public void setProgressiveStage(int stage) {
        if (stage < 0 || stage > config.numWs() - 1) {
            throw new IllegalArgumentException("progressive stage must be in [0, " + (config.numWs() - 1) + "], got " + stage);
        }
        this.progressiveStage = stage;
    }

    public int progressiveStage() {
        return progressiveStage;
    }

    /** Training mode: BatchNorm on batch statistics (updating the running ones). */
    public void setTraining(boolean training) {
        this.training = training;
    }

    public boolean training() {
        return training;
    }

    /** {@code latent_avg} {@code [w_dim]} (a buffer, not a copy). */
    public NDArray latentAvg() {
        return latentAvg;
    }

    public EncoderConfig config() {
        return config;
    }

    public StateDict stateDict() {
        return params;
    }

    @Override
    public void close() {
        params.close();
    }

    /**
     * @param ws     W+ {@code [N, num_ws, w_dim]}
     * @param deltas the opened deltas {@code delta_1 .. delta_stage}, each {@code [N, w_dim]}
     */
    public record Encoding(NDArray ws, NDList deltas) {
    }
}
