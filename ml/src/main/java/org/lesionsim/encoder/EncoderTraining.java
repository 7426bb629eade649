package org.lesionsim.encoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.gan.loss.AutogradGrad;
import org.lesionsim.gan.training.Adam;
import org.lesionsim.gan.training.TrainingLoop;
import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.storage.LocalFiles;

/**
 * Trains an {@link E4eEncoder} against a frozen generator, as e4e's {@code training/coach.py}:
 * <pre>
 *   loss = l2_lambda * mse(G(E(x)), x) + perceptual_lambda * perceptual(G(E(x)), x)
 *        + delta_lambda * sum_i mean_N ||delta_i||_2 + adversarial_lambda * mean_i softplus(-D(w_i))
 *        [+ latent_lambda * mse(E(x), true W+) on generated images: optional, not e4e's]
 * </pre>
 * G's synthesis runs with constant noise and none of its parameters take gradients. Targets are
 * images G makes from random z (so the true W+ is known and the latent error is reported) and,
 * every {@code realImageEvery}-th step, real images from an {@link ImageDataset}. Progressive
 * training opens one more delta every {@code progressiveEvery} steps. The latent discriminator
 * learns mapping outputs (real) against the encoder's w (fake) with R1 on real w every
 * {@code r1Interval} steps; here it steps after the encoder on that step's (detached) w, not before.
 *
 * <p>Each step runs in an {@link NDScope} on its own sub-manager; randomness comes from
 * {@code (seed, step)}, so a resumed run continues where the saved one stopped.
 */
public final class EncoderTraining implements AutoCloseable {
    public static final String ENCODER = "encoder.safetensors";
    public static final String DISCRIMINATOR = "latent_discriminator.safetensors";
    public static final String OPTIMIZER = "encoder_optimizer.safetensors";
    public static final String STATE = "encoder_training.json";
    static final String SNAPSHOT_PREFIX = "encoder-";
    private static final ObjectMapper JSON = JsonMappers.indented();

    private final NDManager manager;
    private final Generator generator;
    private final String generatorId;
    private final E4eEncoder encoder;
    private final LatentDiscriminator discriminator;
    private final EncoderTrainingOptions options;
    private final PerceptualLoss perceptual;
    private final ImageDataset realImages;
    private final Adam encoderOpt;
    private final Adam discriminatorOpt;
    private final AutogradGrad autograd;
    private long step;

    private EncoderTraining(NDManager manager, Generator generator, String generatorId, E4eEncoder encoder,
            LatentDiscriminator discriminator, EncoderTrainingOptions options, PerceptualLoss perceptual,
            ImageDataset realImages) {
        if (realImages != null && realImages.resolution() != generator.resolution()) {
            throw new IllegalArgumentException("real images are " + realImages.resolution() + " px, the generator "
                    + generator.resolution() + " px");
        }
        this.manager = manager;
        this.generator = generator;
        this.generatorId = generatorId;
        this.encoder = encoder;
        this.discriminator = discriminator;
        this.options = options;
        this.perceptual = perceptual;
        this.realImages = realImages;
        generator.stateDict().parameters().values().forEach(p -> p.setRequiresGradient(false)); // frozen
        encoder.stateDict().requireGradients();
        this.encoderOpt = new Adam(encoder.stateDict(), manager, options.lr(), 0.9, 0.999, 0);
        this.discriminatorOpt = new Adam(discriminator.stateDict(), manager, options.discriminatorLr(), 0.9, 0.999, 0);
        this.autograd = new AutogradGrad(manager);
    }

    /**
     * A fresh encoder for {@code generator} ({@code latent_avg} = its {@code w_avg}).
     *
     * @param realImages optional real targets (null: generated images only)
     */
    public static EncoderTraining create(Generator generator, String generatorId, EncoderConfig config,
            EncoderTrainingOptions options, PerceptualLoss perceptual, ImageDataset realImages, NDManager parent) {
        NDManager manager = parent.newSubManager();
        E4eEncoder encoder = E4eEncoder.create(config, generator.wAvg(), manager, options.seed());
        LatentDiscriminator d = LatentDiscriminator.create(config.wDim(), manager, options.seed() + 1);
        return new EncoderTraining(manager, generator, generatorId, encoder, d, options, perceptual, realImages);
    }

    /**
     * Continues from a checkpoint written by {@link #snapshot(Path)}.
     *
     * @throws IllegalArgumentException when the generator or the perceptual loss is not the one it trained with
     */
    public static EncoderTraining resume(Path checkpointDir, Generator generator, String generatorId,
            PerceptualLoss perceptual, ImageDataset realImages, NDManager parent) throws IOException {
        EncoderCheckpoint state = readState(checkpointDir);
        if (!state.generatorId().equals(generatorId)) {
            throw new IllegalArgumentException("checkpoint " + checkpointDir + " trained against generator "
                    + state.generatorId() + ", given " + generatorId);
        }
        if (!state.perceptualLoss().equals(perceptual.describe())) {
            throw new IllegalArgumentException("checkpoint " + checkpointDir + " trained with " + state.perceptualLoss()
                    + ", given " + perceptual.describe());
        }
        NDManager manager = parent.newSubManager();
        try {
            E4eEncoder encoder = E4eEncoder.load(checkpointDir.resolve(ENCODER), manager);
            LatentDiscriminator d = LatentDiscriminator.load(checkpointDir.resolve(DISCRIMINATOR), manager);
            EncoderTraining training = new EncoderTraining(manager, generator, generatorId, encoder, d, state.options(),
                    perceptual, realImages);
            try (NDManager tmp = manager.newSubManager(); InputStream in = Files.newInputStream(checkpointDir.resolve(OPTIMIZER))) {
                Map<String, NDArray> byName = new HashMap<>();
                for (NDArray array : NDList.decode(tmp, in)) {
                    byName.put(array.getName(), array);
                }
                training.encoderOpt.loadFrom("E.", byName, state.encoderAdamSteps());
                training.discriminatorOpt.loadFrom("D.", byName, state.discriminatorAdamSteps());
            }
            training.step = state.step();
            return training;
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public static EncoderCheckpoint readState(Path checkpointDir) throws IOException {
        EncoderCheckpoint state = JSON.readValue(checkpointDir.resolve(STATE).toFile(), EncoderCheckpoint.class);
        if (state.format() != EncoderCheckpoint.FORMAT) {
            throw new IOException(checkpointDir.resolve(STATE) + " has format " + state.format());
        }
        return state;
    }

    /** Losses of one step (latent error NaN on real-image steps). */
    public record StepReport(long step, int stage, boolean realImages, double loss, double l2, double perceptual,
            double deltaReg, double adversarial, double discriminator, double latentError) {
    }

    /** One step: encoder update, then the latent discriminator's (and its lazy R1). */
    public StepReport step() {
        long stepSeed = TrainingLoop.stepSeed(options.seed(), step); // the GAN loop's per-step seeding
        Random random = new Random(stepSeed);
        Engine engine = manager.getEngine();
        engine.setRandomSeed(Long.hashCode(stepSeed));
        int stage = options.progressiveStage(step, encoder.config().numWs());
        encoder.setProgressiveStage(stage);
        encoder.setTraining(true);
        int batch = options.batch();
        boolean real = realImages != null && options.realImageEvery() > 0
                && step % options.realImageEvery() == options.realImageEvery() - 1;
        boolean adversarial = options.adversarialLambda() > 0 && step >= options.adversarialStart();
        StepReport report;
        try (NDScope scope = new NDScope(); NDManager sm = manager.newSubManager()) {
            NDArray target;
            NDArray trueWs = null;
            if (real) {
                target = realImages.batch(sm, step, batch, options.seed());
            } else {
                trueWs = generator.mapping(latents(sm, batch, random), 1.0).stopGradient();
                target = generator.synthesis(trueWs, NoiseMode.CONST).stopGradient();
            }
            double l2;
            double perc;
            double delta;
            double adv = Double.NaN;
            double total;
            double latentError = Double.NaN;
            NDArray fakeW;
            setTrainable(discriminator.stateDict(), false);
            try (GradientCollector collector = engine.newGradientCollector()) {
                E4eEncoder.Encoding enc = encoder.encode(target);
                NDArray recon = generator.synthesis(enc.ws(), NoiseMode.CONST);
                NDArray l2Loss = recon.sub(target).square().mean();
                NDArray percLoss = perceptual.loss(recon, target).mean();
                NDArray loss = StepArrays.mul(l2Loss, options.l2Lambda()).add(StepArrays.mul(percLoss, options.perceptualLambda()));
                NDArray deltaLoss = null;
                for (NDArray d : enc.deltas()) {
                    NDArray norm = d.square().sum(new int[] {1}).sqrt().mean();
                    deltaLoss = deltaLoss == null ? norm : deltaLoss.add(norm);
                }
                if (deltaLoss != null && options.deltaLambda() > 0) {
                    loss = loss.add(StepArrays.mul(deltaLoss, options.deltaLambda()));
                }
                if (adversarial) {
                    // the reference discriminates the ws of the opened stage, 0..stage
                    NDArray advLoss = null;
                    for (int i = 0; i <= stage; i++) {
                        NDArray term = discriminator.encoderLoss(enc.ws().get(new NDIndex(":, {}, :", i)));
                        advLoss = advLoss == null ? term : advLoss.add(term);
                    }
                    advLoss = StepArrays.mul(advLoss, 1.0 / (stage + 1));
                    loss = loss.add(StepArrays.mul(advLoss, options.adversarialLambda()));
                    adv = advLoss.getFloat();
                }
                if (trueWs != null && options.latentLambda() > 0) {
                    loss = loss.add(StepArrays.mul(enc.ws().sub(trueWs).square().mean(), options.latentLambda()));
                }
                collector.backward(loss);
                l2 = l2Loss.getFloat();
                perc = percLoss.getFloat();
                delta = deltaLoss == null ? 0 : deltaLoss.getFloat();
                total = loss.getFloat();
                fakeW = enc.ws().get(new NDIndex(":, 0, :")).stopGradient();
                if (trueWs != null) {
                    latentError = enc.ws().stopGradient().sub(trueWs).square().mean().getFloat();
                }
            }
            encoderOpt.step(sm);

            double dLoss = Double.NaN;
            if (adversarial) {
                setTrainable(discriminator.stateDict(), true);
                NDArray realW = generator.mapping(latents(sm, batch, random), 1.0).get(new NDIndex(":, 0, :")).stopGradient();
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray loss = discriminator.discriminatorLoss(realW, fakeW);
                    collector.backward(loss);
                    dLoss = loss.getFloat();
                }
                discriminatorOpt.step(sm);
                if (options.r1Gamma() > 0 && step % options.r1Interval() == 0) {
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray penalty = discriminator.r1Penalty(autograd, realW);
                        collector.backward(StepArrays.mul(penalty, options.r1Gamma() / 2 * options.r1Interval()));
                    }
                    discriminatorOpt.step(sm);
                }
                setTrainable(discriminator.stateDict(), false);
            }
            report = new StepReport(step, stage, real, total, l2, perc, delta, adv, dLoss, latentError);
        }
        encoder.setTraining(false);
        step++;
        return report;
    }

    /** Encoder (eval mode) against {@code w_avg} on {@code count} fresh generated images. */
    public record Evaluation(double encoderLatentError, double wAvgLatentError, double encoderReconstructionL2,
            double wAvgReconstructionL2) {
    }

    /**
     * Mean squared latent error (over samples, ws and dims) and reconstruction L2 of the encoder's W+
     * and of {@code w_avg} repeated, on images of z from {@code seed}: the encoder must beat the mean.
     */
    public Evaluation evaluate(int count, long seed) {
        return evaluate(encoder, generator, count, seed, manager);
    }

    /** As {@link #evaluate(int, long)} for any encoder and its generator. */
    public static Evaluation evaluate(E4eEncoder encoder, Generator generator, int count, long seed, NDManager parent) {
        boolean was = encoder.training();
        encoder.setTraining(false);
        try (NDScope scope = new NDScope(); NDManager sm = parent.newSubManager()) {
            NDArray trueWs = generator.mapping(latents(sm, generator.zDim(), count, new Random(seed)), 1.0);
            NDArray images = generator.synthesis(trueWs, NoiseMode.CONST);
            NDArray ws = encoder.forward(images);
            NDArray avg = StepArrays.view(ws, generator.wAvg()).reshape(1, 1, -1).broadcast(trueWs.getShape());
            NDArray recon = generator.synthesis(ws, NoiseMode.CONST);
            NDArray avgRecon = generator.synthesis(avg, NoiseMode.CONST);
            return new Evaluation(ws.sub(trueWs).square().mean().getFloat(), avg.sub(trueWs).square().mean().getFloat(),
                    recon.sub(images).square().mean().getFloat(), avgRecon.sub(images).square().mean().getFloat());
        } finally {
            encoder.setTraining(was);
        }
    }

    /**
     * Writes {@code dir}: encoder and latent discriminator (safetensors + JSON), the Adam moments and
     * {@code encoder_training.json}; complete or not at all (written aside, then moved).
     */
    public Path snapshot(Path dir) throws IOException {
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        LocalFiles.deleteRecursively(partial);
        Files.createDirectories(partial);
        encoder.save(partial.resolve(ENCODER));
        discriminator.save(partial.resolve(DISCRIMINATOR));
        NDList moments = new NDList();
        encoderOpt.saveTo("E.", moments);
        discriminatorOpt.saveTo("D.", moments);
        try (OutputStream out = Files.newOutputStream(partial.resolve(OPTIMIZER))) {
            moments.encode(out, NDList.Encoding.SAFETENSORS);
        }
        EncoderCheckpoint state = new EncoderCheckpoint(EncoderCheckpoint.FORMAT, step, encoderOpt.steps(),
                discriminatorOpt.steps(), perceptual.describe(), generatorId, encoder.config(), options);
        JSON.writeValue(partial.resolve(STATE).toFile(), state);
        LocalFiles.deleteRecursively(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    /** {@code outDir/encoder-<step>}. */
    public Path snapshotInto(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        return snapshot(outDir.resolve(String.format(java.util.Locale.ROOT, "%s%09d", SNAPSHOT_PREFIX, step)));
    }

    /** The newest complete {@code encoder-*} directory under {@code outDir}, if any. */
    public static java.util.Optional<Path> latestSnapshot(Path outDir) throws IOException {
        if (!Files.isDirectory(outDir)) {
            return java.util.Optional.empty();
        }
        try (var list = Files.list(outDir)) {
            return list.filter(p -> p.getFileName().toString().startsWith(SNAPSHOT_PREFIX)
                            && !p.getFileName().toString().endsWith(".partial") && Files.exists(p.resolve(STATE)))
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        }
    }

    private NDArray latents(NDManager sm, int n, Random random) {
        return latents(sm, generator.zDim(), n, random);
    }

    private static NDArray latents(NDManager sm, int zDim, int n, Random random) {
        float[] z = new float[n * zDim];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        return sm.create(z, new Shape(n, zDim));
    }

    private static void setTrainable(StateDict params, boolean on) {
        params.parameters().values().forEach(p -> p.setRequiresGradient(on));
    }

    public long stepCount() {
        return step;
    }

    public E4eEncoder encoder() {
        return encoder;
    }

    public LatentDiscriminator discriminator() {
        return discriminator;
    }

    public Generator generator() {
        return generator;
    }

    public EncoderTrainingOptions options() {
        return options;
    }

    public String perceptualLoss() {
        return perceptual.describe();
    }

    @Override
    public void close() {
        autograd.close();
        manager.close();
    }
}
