package org.lesionsim.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.gan.Discriminator;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.augment.AdaptiveStrength;
import org.lesionsim.gan.augment.AugmentConfig;
import org.lesionsim.gan.augment.AugmentPipe;
import org.lesionsim.gan.loss.AutogradGrad;
import org.lesionsim.gan.loss.PathLengthPenalty;
import org.lesionsim.gan.loss.R1Penalty;
import org.lesionsim.gan.loss.StyleGan2Loss;
import org.lesionsim.gan.loss.StyleMixing;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.storage.LocalFiles;

/**
 * The StyleGAN2-ADA training loop ({@code training/training_loop.py}), unconditional, one device.
 * Each {@link #step()} is one minibatch: the phases of {@link StyleGan2Loss} in the reference's
 * order, Gmain, Greg (path length, lazy, gain = interval), Dmain, Dreg (R1, lazy, gain = interval),
 * each followed by its network's optimiser step; then the G EMA update and ADA's feedback on p. {@link #train()} runs ticks of {@code kimgPerTick} (reported to listeners) and
 * writes a checkpoint every {@code snapshotTicks} ticks.
 *
 * <p>Randomness (latents, noise, mixing, augmentation, batch order) is derived from
 * {@code (seed, step)}: a Java {@link Random} and libtorch's generator are reseeded every step, so a
 * checkpoint needs no RNG state and {@link #resume} continues bit-identically.
 *
 * <p>Memory: a step runs in an {@link NDScope} with its own sub-manager; only parameters,
 * optimiser moments and buffers live on, updated in place.
 */
public final class TrainingLoop implements AutoCloseable {
    public static final String GENERATOR_EMA = "generator_ema.safetensors";
    public static final String GENERATOR = "generator.safetensors";
    public static final String DISCRIMINATOR = "discriminator.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String STATE = "training_state.json";
    public static final String SAMPLES = "samples.png";
    static final String SNAPSHOT_PREFIX = "snapshot-";
    private static final int GRID = 4;
    private static final double PL_DECAY = 0.01;
    private static final ObjectMapper JSON = JsonMappers.indented();

    private final NDManager manager;
    private final TrainingOptions options;
    private final ImageDataset dataset;
    private final Path outDir;
    private final Generator generator;
    private final Generator generatorEma;
    private final Discriminator discriminator;
    private final Adam gOpt;
    private final Adam dOpt;
    private final AutogradGrad autograd;
    private final PathLengthPenalty pathLength;
    private final StyleGan2Loss loss;
    private final AugmentPipe augment;
    private final AdaptiveStrength ada;
    private final List<float[]> pendingRealLogits = new ArrayList<>();
    private final List<TrainingListener> listeners = new ArrayList<>();

    private long step;
    private long nimg;
    private int tick;
    private long tickStartNimg;
    private final TickSums sums = new TickSums();

    private TrainingLoop(NDManager manager, TrainingOptions options, ImageDataset dataset, Path outDir,
            Generator generator, Generator generatorEma, Discriminator discriminator, double augmentP) {
        if (dataset.resolution() != generator.resolution()) {
            throw new IllegalArgumentException("dataset is " + dataset.resolution() + "px, generator "
                    + generator.resolution() + "px");
        }
        this.manager = manager;
        this.options = options;
        this.dataset = dataset;
        this.outDir = outDir;
        this.generator = generator;
        this.generatorEma = generatorEma;
        this.discriminator = discriminator;
        generator.stateDict().requireGradients();
        discriminator.stateDict().requireGradients();
        // Gmain and Greg share G's optimiser, Dmain and Dreg D's, with the lazy-regularisation correction.
        this.gOpt = new Adam(generator.stateDict(), manager, options.gLr(), options.beta1(), options.beta2(),
                options.plInterval()).sanitizeGradients(generator.config().numFp16Res() > 0);
        this.dOpt = new Adam(discriminator.stateDict(), manager, options.dLr(), options.beta1(), options.beta2(),
                options.r1Interval()).sanitizeGradients(discriminator.config().numFp16Res() > 0);
        this.autograd = new AutogradGrad(manager);
        this.pathLength = new PathLengthPenalty(autograd, options.plWeight(), PL_DECAY);
        this.augment = options.adaTarget() == null ? null : new AugmentPipe(options.augmentConfig(), augmentP);
        this.ada = augment == null ? null
                : new AdaptiveStrength(augment, options.adaTarget(), options.adaInterval(), options.adaKimg());
        this.loss = new StyleGan2Loss(generator, discriminator, augment, new StyleMixing(options.styleMixingProb()),
                new R1Penalty(autograd, options.r1Gamma()), pathLength);
    }

    /** Fresh networks from {@code options.seed()}; checkpoints go to {@code outDir}. */
    public static TrainingLoop create(TrainingOptions options, GeneratorConfig gConfig, DiscriminatorConfig dConfig,
            ImageDataset dataset, Path outDir, NDManager parent) {
        NDManager manager = parent.newSubManager();
        Generator g = Generator.create(gConfig, manager, options.seed());
        Discriminator d = Discriminator.create(dConfig, manager, options.seed() + 1);
        return new TrainingLoop(manager, options, dataset, outDir, g, g.copy(manager), d, 0);
    }

    /**
     * A run that starts from a trained generator instead of random weights: G and G_ema both take
     * the weights of {@code generatorWeights} (a shipped G_ema), D and both optimisers start fresh
     * from {@code options.seed()}, and the image count starts at {@code startNimg} so kimg goes on
     * from the generator's own (and G_ema's ramp-up, which assumes a young G, is past). This is
     * NVlabs' {@code --resume} given a pickle that holds only G_ema: what can be copied is copied,
     * the rest initialised. Not bit-identical to the run that made the generator (that needs its
     * snapshot, with D and Adam's moments); D catches up in the first kimg.
     */
    public static TrainingLoop fineTune(TrainingOptions options, Path generatorWeights, long startNimg,
            DiscriminatorConfig dConfig, ImageDataset dataset, Path outDir, NDManager parent) throws IOException {
        NDManager manager = parent.newSubManager();
        try {
            Generator gEma = Generator.load(generatorWeights, manager);
            Discriminator d = Discriminator.create(dConfig, manager, options.seed() + 1);
            TrainingLoop loop = new TrainingLoop(manager, options, dataset, outDir, gEma.copy(manager), gEma, d, 0);
            loop.nimg = startNimg;
            loop.tickStartNimg = startNimg;
            return loop;
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Continues from a checkpoint written by {@link #snapshot()}: the next steps equal, bit for bit,
     * those the saved run would have taken. New checkpoints go beside {@code checkpointDir}.
     *
     * @throws IllegalArgumentException if {@code dataset} is not the data the checkpoint trained on
     */
    public static TrainingLoop resume(Path checkpointDir, ImageDataset dataset, NDManager parent) throws IOException {
        return resume(checkpointDir, dataset, parent, null);
    }

    /**
     * As {@link #resume(Path, ImageDataset, NDManager)}, training on to {@code totalKimg} instead of
     * the saved length (null keeps it); the length does not change any step.
     */
    public static TrainingLoop resume(Path checkpointDir, ImageDataset dataset, NDManager parent, Double totalKimg)
            throws IOException {
        TrainingState state = state(checkpointDir);
        if (state.format() != TrainingState.FORMAT) {
            throw new IOException(checkpointDir.resolve(STATE) + " has format " + state.format());
        }
        if (!state.datasetHash().equals(dataset.contentHash())) {
            throw new IllegalArgumentException("checkpoint " + checkpointDir + " trained on data " + state.datasetHash()
                    + ", given " + dataset.contentHash());
        }
        if (state.mirror() != null && state.mirror() != dataset.xflip()) {
            throw new IllegalArgumentException("checkpoint " + checkpointDir + " trained with mirror=" + state.mirror()
                    + ", given mirror=" + dataset.xflip());
        }
        NDManager manager = parent.newSubManager();
        try {
            Generator g = Generator.load(checkpointDir.resolve(GENERATOR), manager);
            Generator gEma = Generator.load(checkpointDir.resolve(GENERATOR_EMA), manager);
            Discriminator d = Discriminator.load(checkpointDir.resolve(DISCRIMINATOR), manager);
            TrainingOptions options = totalKimg == null ? state.options() : state.options().withTotalKimg(totalKimg);
            TrainingLoop loop = new TrainingLoop(manager, options, dataset, checkpointDir.getParent(), g, gEma, d,
                    state.augmentP());
            try (NDManager tmp = manager.newSubManager(); InputStream in = Files.newInputStream(checkpointDir.resolve(OPTIMIZER))) {
                Map<String, NDArray> byName = new HashMap<>();
                for (NDArray array : NDList.decode(tmp, in)) {
                    byName.put(array.getName(), array);
                }
                loop.gOpt.loadFrom("G.", byName, state.gAdamSteps());
                loop.dOpt.loadFrom("D.", byName, state.dAdamSteps());
            }
            loop.step = state.step();
            loop.nimg = state.nimg();
            loop.tick = state.tick();
            loop.tickStartNimg = state.tickStartNimg();
            loop.pathLength.resumePlMean(state.plMean());
            for (float[] logits : state.pendingRealLogits()) { // ADA's partial average, replayed
                loop.observeRealLogits(logits);
            }
            return loop;
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A snapshot's training state, as written by {@link #snapshot()}. */
    public static TrainingState state(Path checkpointDir) throws IOException {
        return JSON.readValue(checkpointDir.resolve(STATE).toFile(), TrainingState.class);
    }

    /** Whether the snapshot's data set was x-flip doubled; null if the snapshot predates the record. */
    public static Boolean mirrorOf(Path checkpointDir) throws IOException {
        return state(checkpointDir).mirror();
    }

    /** The newest {@code snapshot-*} directory under {@code outDir} that has a training state, if any. */
    public static java.util.Optional<Path> latestSnapshot(Path outDir) throws IOException {
        List<Path> all = snapshots(outDir);
        return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(all.size() - 1));
    }

    /**
     * Every complete {@code snapshot-*} directory under {@code outDir} (with a training state, not
     * {@code .partial}), oldest first: the names carry kimg zero-padded, so name order is kimg order.
     */
    public static List<Path> snapshots(Path outDir) throws IOException {
        if (!Files.isDirectory(outDir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(outDir)) {
            return list.filter(p -> p.getFileName().toString().startsWith(SNAPSHOT_PREFIX)
                            && !p.getFileName().toString().endsWith(".partial") && Files.exists(p.resolve(STATE)))
                    .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /** The images a snapshot had been shown ({@code cur_nimg}), from its training state. */
    public static long nimgOf(Path checkpointDir) throws IOException {
        return state(checkpointDir).nimg();
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Trains until {@code totalKimg}, reporting ticks and writing checkpoints; the last tick always snapshots. */
    public void train() throws IOException {
        long total = Math.round(options.totalKimg() * 1000);
        long tickStartNanos = System.nanoTime();
        while (nimg < total) {
            step();
            boolean done = nimg >= total;
            if (!done && nimg < tickStartNimg + Math.round(options.kimgPerTick() * 1000)) {
                continue;
            }
            tick++;
            double seconds = (System.nanoTime() - tickStartNanos) / 1e9;
            TrainingListener.TickReport report = new TrainingListener.TickReport(tick, nimg / 1000.0,
                    seconds / ((nimg - tickStartNimg) / 1000.0), sums.meanG(), sums.meanD(), sums.meanR1(), augmentP());
            listeners.forEach(l -> l.onTick(report));
            tickStartNimg = nimg;
            sums.reset();
            if (done || (options.snapshotTicks() > 0 && tick % options.snapshotTicks() == 0)) {
                Path dir = snapshot();
                listeners.forEach(l -> l.onSnapshot(dir, report));
            }
            tickStartNanos = System.nanoTime();
        }
    }

    /** One minibatch: Gmain, Greg, Dmain, Dreg, G EMA, ADA. */
    public void step() {
        long stepSeed = stepSeed(options.seed(), step);
        Random random = new Random(stepSeed);
        manager.getEngine().setRandomSeed(Long.hashCode(stepSeed)); // per-pixel noise and mixing latents come from libtorch's generator
        int batch = options.batch();
        float[] realLogits;
        try (NDScope scope = new NDScope(); NDManager sm = manager.newSubManager()) {
            NDArray real = dataset.batch(sm, step, batch, options.seed());

            // G's phases train G only; the lazy regulariser runs every interval minibatches with gain = interval.
            trainable(generator.stateDict(), true);
            trainable(discriminator.stateDict(), false);
            sums.g += loss.gmain(sm, batch, random, 1);
            sums.gCount++;
            gOpt.step(sm);
            if (options.plWeight() > 0 && step % options.plInterval() == 0) {
                loss.greg(sm, batch, random, options.plInterval());
                gOpt.step(sm);
            }

            // D's phases likewise.
            trainable(generator.stateDict(), false);
            trainable(discriminator.stateDict(), true);
            StyleGan2Loss.DmainReport dmain = loss.dmain(sm, batch, real, random, 1);
            realLogits = dmain.realLogits();
            sums.d += dmain.loss();
            sums.dCount++;
            dOpt.step(sm);
            if (options.r1Gamma() > 0 && step % options.r1Interval() == 0) {
                sums.r1 += loss.dreg(real, random, options.r1Interval());
                sums.r1Count++;
                dOpt.step(sm);
            }
            trainable(generator.stateDict(), true);

            // G EMA with ramp-up: half-life min(ema_kimg, cur_nimg * rampup) thousand images.
            double emaNimg = options.emaKimg() * 1000;
            if (options.emaRampup() != null) {
                emaNimg = Math.min(emaNimg, nimg * options.emaRampup());
            }
            generatorEma.stateDict().updateEma(generator.stateDict(), Math.pow(0.5, batch / Math.max(emaNimg, 1e-8)));
        }
        nimg += batch;
        step++;
        if (ada != null) {
            observeRealLogits(realLogits);
        }
    }

    private void observeRealLogits(float[] logits) {
        pendingRealLogits.add(logits);
        if (!Double.isNaN(ada.observeRealLogits(logits))) {
            pendingRealLogits.clear();
        }
    }

    private static void trainable(StateDict params, boolean on) {
        params.parameters().values().forEach(p -> p.setRequiresGradient(on));
    }

    /** SplitMix64 of (seed, step): decorrelated streams for consecutive steps. */
    public static long stepSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /**
     * Writes {@code outDir/snapshot-<nimg>/}: the three networks, the Adam moments, the training state
     * and a sample grid of the EMA generator; complete or not at all (written aside, then moved).
     */
    public Path snapshot() throws IOException {
        Path dir = outDir.resolve(String.format(java.util.Locale.ROOT, "%s%09d", SNAPSHOT_PREFIX, nimg));
        Path partial = outDir.resolve(dir.getFileName() + ".partial");
        LocalFiles.deleteRecursively(partial);
        Files.createDirectories(partial);
        generator.save(partial.resolve(GENERATOR));
        generatorEma.save(partial.resolve(GENERATOR_EMA));
        discriminator.save(partial.resolve(DISCRIMINATOR));
        NDList moments = new NDList();
        gOpt.saveTo("G.", moments);
        dOpt.saveTo("D.", moments);
        try (OutputStream out = Files.newOutputStream(partial.resolve(OPTIMIZER))) {
            moments.encode(out, NDList.Encoding.SAFETENSORS);
        }
        TrainingState state = new TrainingState(TrainingState.FORMAT, step, nimg, tick, tickStartNimg, augmentP(),
                List.copyOf(pendingRealLogits), pathLength.plMean(), gOpt.steps(), dOpt.steps(), dataset.contentHash(), options,
                generator.config(), discriminator.config(), dataset.xflip());
        JSON.writeValue(partial.resolve(STATE).toFile(), state);
        ImageIO.write(sampleGrid(), "png", partial.resolve(SAMPLES).toFile());
        LocalFiles.deleteRecursively(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    /**
     * {@code GRID x GRID} images of the EMA generator from fixed latents ({@code seed}), constant
     * noise, no truncation: the same grid at every snapshot shows training progress.
     */
    public BufferedImage sampleGrid() {
        int res = generatorEma.resolution();
        int n = GRID * GRID;
        float[] pixels;
        try (NDScope scope = new NDScope(); NDManager sm = manager.newSubManager()) {
            NDArray z = generatorEma.latents(sm, n, new Random(options.seed()));
            pixels = generatorEma.forward(z, 1.0, NoiseMode.CONST).toFloatArray();
        }
        BufferedImage grid = new BufferedImage(GRID * res, GRID * res, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = grid.createGraphics();
        for (int i = 0; i < n; i++) {
            g.drawImage(GanPixels.toImage(pixels, i * 3 * res * res, res, res), (i % GRID) * res, (i / GRID) * res, null);
        }
        g.dispose();
        return grid;
    }

    public double augmentP() {
        return augment == null ? 0 : augment.p();
    }

    public long stepCount() {
        return step;
    }

    public long nimg() {
        return nimg;
    }

    public Generator generator() {
        return generator;
    }

    public Generator generatorEma() {
        return generatorEma;
    }

    public Discriminator discriminator() {
        return discriminator;
    }

    public TrainingOptions options() {
        return options;
    }

    /** Arrays alive under this loop's manager (for leak checks). */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        autograd.close();
        manager.close();
    }

    /** Loss sums of the current tick. */
    private static final class TickSums {
        double g;
        double d;
        double r1;
        int gCount;
        int dCount;
        int r1Count;

        double meanG() {
            return g / Math.max(gCount, 1);
        }

        double meanD() {
            return d / Math.max(dCount, 1);
        }

        double meanR1() {
            return r1Count == 0 ? Double.NaN : r1 / r1Count;
        }

        void reset() {
            g = d = r1 = 0;
            gCount = dCount = r1Count = 0;
        }
    }
}
