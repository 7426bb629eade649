package org.lesionsim.progression.worker;

import static org.lesionsim.worker.DeadLetterReason.INVALID_ALPHAS;
import static org.lesionsim.worker.DeadLetterReason.LATENTS_MISSING;
import static org.lesionsim.worker.DeadLetterReason.LATENTS_SHAPE_MISMATCH;
import static org.lesionsim.worker.DeadLetterReason.LATENTS_UNREADABLE;
import static org.lesionsim.worker.DeadLetterReason.UNKNOWN_CHECKPOINT;

import ai.djl.ndarray.NDManager;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.worker.WPlusCodes;
import org.lesionsim.worker.CheckpointCatalog;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.events.SimulationRequested;
import org.lesionsim.gan.Generator;
import org.lesionsim.imaging.AnimatedGifWriter;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.judge.JudgeConfiguration;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.progression.DirectionStore;
import org.lesionsim.progression.AxisStatistics;
import org.lesionsim.progression.FrameReadings;
import org.lesionsim.progression.ProgressionAxisFile;
import org.lesionsim.progression.ProgressionRenderer;
import org.lesionsim.progression.WalkSchedule;
import org.lesionsim.progression.WalkStop;
import org.lesionsim.sefa.LabelledLatent;
import org.lesionsim.progression.ProgressionStrip;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.EventPublisher;
import org.lesionsim.worker.LiveModel;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;
import org.lesionsim.worker.WorkerModels;

/**
 * A case's latent walk: {@code latents inverted} (the configured walk) or {@code simulation requested}
 * (a case, a direction, an α schedule) → the case's W+ edited by α·d on the chosen layers, one frame
 * per α rendered by the generator of the checkpoint the latents were made with → {@code frame-k.png},
 * {@code strip.png}, {@code progression.gif} under {@code simulations/{case}/{ckpt}/{direction}-{h}/} (h: a hash of the
 * walk's direction, layers, α list and schedule, {@link ObjectKeys#simulationPrefix}) →
 * {@code simulation rendered}, stamped with that checkpoint and carrying the diagnosis along, and the
 * refs of the preprocessed input and the reconstruction the metrics worker puts on the scored strip
 * (from {@code latents inverted}; a request knows only the reconstruction, stored beside the latents).
 *
 * <p>Models: every replica follows every checkpoint announcement and serves with the newest encoder
 * checkpoint's generator ({@link LiveModel}). Latents made with another checkpoint (in flight across
 * a swap, or replayed) are rendered with their own checkpoint's generator, loaded for that case and
 * freed after it, so a walk never mixes an encoder's W+ with another generator. Unusable input goes
 * to {@code dead-letter.progression} with a reason code.
 */
@ApplicationScoped
public class ProgressionWorker {
    private static final Logger LOG = Logger.getLogger(ProgressionWorker.class);
    static final int MAX_ALPHAS = 64;

    /**
     * One walk to render, from either input; {@code input} (the preprocessed image) and
     * {@code reconstruction} are passed on to {@code simulation rendered} when known, else null.
     */
    /** @param calibrated whether to plan α from the case's position (else walk {@code alphas}) */
    record Walk(UUID caseId, UUID causationId, UUID jobId, String checkpointId, ObjectRef latents, Integer numWs, Integer wDim,
                String direction, LayerSelection layers, List<Double> alphas, boolean calibrated, Diagnosis diagnosis, ObjectRef input,
                ObjectRef reconstruction) {
    }

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    CheckpointCatalog catalog;

    @Inject
    ProgressionSettings settings;

    @Inject
    @Channel("simulations-rendered")
    MutinyEmitter<String> rendered;

    /** Where the models load (lesionsim.device); read by the loaders below once injected. */
    @Inject
    ComputeDevice device;

    /** The generator of the newest encoder checkpoint: only its two generator artefacts are downloaded. */
    final LiveModel<LoadedGenerator> live = new LiveModel<>(CheckpointPublished.Kind.encoder, LoadedGenerator.ARTEFACTS,
            (checkpoint, dir) -> LoadedGenerator.fromDir(checkpoint, dir, device));

    @Inject
    WorkerModels models;

    /** Not ready, and no lesionsim_model_info, until an encoder checkpoint's generator is loaded (docs/DESIGN.md §7). */
    @PostConstruct
    void trackModel() {
        models.track("encoder", live, device);
    }

    @Incoming("checkpoints")
    @Blocking(value = "checkpoint-pool", ordered = true)
    public CompletionStage<Void> onCheckpointPublished(Message<String> message) {
        try {
            CheckpointPublished checkpoint = WorkerInput.decode(message.getPayload(), CheckpointPublished.class);
            catalog.record(checkpoint);
            if (checkpoint.kind() == CheckpointPublished.Kind.encoder) {
                LoadedGenerator.requireArtefacts(checkpoint);
                live.offer(checkpoint, store, settings.workDir()); // loads only if newer than the one served
            }
        } catch (RejectedInputException e) {
            // every replica reads every announcement: one that cannot be served is skipped, not dead-lettered N times
            LOG.warnf("checkpoint announcement skipped: %s", e.getMessage());
        }
        return message.ack();
    }

    @Incoming("latents-inverted")
    @Blocking(value = "progression-pool", ordered = false)
    public CompletionStage<Void> onLatentsInverted(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.LATENTS_INVERTED.topic(), () -> {
            LatentsInverted latents = WorkerInput.decode(message.getPayload(), LatentsInverted.class);
            render(new Walk(latents.caseId(), latents.eventId(), null, latents.checkpointId(), latents.latents(), latents.numWs(),
                    latents.wDim(), settings.direction(), DirectionChoice.parseLayers(settings.layers()), settings.alphas(),
                    settings.schedule().equals(SimulationRequested.CALIBRATED), latents.diagnosis(), latents.image(), latents.reconstruction()));
        });
    }

    @Incoming("jobs-simulate")
    @Blocking(value = "progression-pool", ordered = false)
    public CompletionStage<Void> onSimulationRequested(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.SIMULATION_REQUESTED.topic(), () -> {
            SimulationRequested request = WorkerInput.decode(message.getPayload(), SimulationRequested.class);
            String checkpointId = request.checkpointId() != null ? request.checkpointId()
                    : live.withModel(settings.checkpointWait(), LiveModel.Loaded::checkpointId);
            String key;
            try {
                key = ObjectKeys.latents(checkpointId, request.caseId());
            } catch (IllegalArgumentException e) {
                throw new RejectedInputException(UNKNOWN_CHECKPOINT, e.getMessage(), e);
            }
            ObjectRef latents = store.stat(key).orElseThrow(() -> new RejectedInputException(LATENTS_MISSING,
                    "case " + request.caseId() + " has no latents from checkpoint " + checkpointId));
            // the reconstruction lies beside the latents; the preprocessed input is content-addressed, not findable from the case
            ObjectRef reconstruction = store.stat(ObjectKeys.reconstruction(checkpointId, request.caseId())).orElse(null);
            render(new Walk(request.caseId(), request.eventId(), request.jobId(), checkpointId, latents, null, null,
                    request.direction(), DirectionChoice.parseLayers(request.layers()), request.alphas(), request.calibrated(), null, null,
                    reconstruction));
        });
    }

    /** Renders the walk and announces it once every object is stored. */
    void render(Walk walk) {
        requireAlphas(walk.alphas());
        CheckpointPublished checkpoint = catalog.require(walk.checkpointId(), settings.checkpointWait());
        String generatorId = CheckpointCatalog.requireGenerator(checkpoint);
        float[][] wPlus = readLatents(walk);

        Frames frames = withGenerator(checkpoint, generator -> {
            if (wPlus.length != generator.numWs() || wPlus[0].length != generator.wDim()) {
                throw new RejectedInputException(LATENTS_SHAPE_MISMATCH, "latents are [" + wPlus.length + ", " + wPlus[0].length
                        + "], the generator of " + checkpoint.checkpointId() + " takes [" + generator.numWs() + ", " + generator.wDim() + "]");
            }
            DirectionChoice.Chosen direction = DirectionChoice.once(store,
                    ObjectKeys.walkDirection(walk.caseId(), checkpoint.checkpointId(), walk.causationId()),
                    () -> DirectionChoice.choose(walk.direction(), walk.layers(), generatorId, generator.wDim(),
                            new DirectionStore(store), settings.sefaWait(), shipped(checkpoint)));
            Schedule schedule = schedule(walk, direction, wPlus);
            long t0 = System.nanoTime();
            try (NDManager manager = device.newManager()) {
                List<BufferedImage> images = ProgressionRenderer.render(generator, wPlus, direction.direction(), direction.layers(),
                        schedule.alphas(), manager);
                return new Frames(direction, schedule, images, System.nanoTime() - t0);
            }
        });
        WalkStop.Decision stop = stop(frames.schedule(), frames.images());
        if (stop.framesKept() < frames.images().size()) {
            LOG.infof("walk stopped after %d of %d frames: %s", stop.framesKept(), frames.images().size(), stop.reason());
            Schedule s = frames.schedule();
            frames = new Frames(frames.direction(), new Schedule(s.kind(), s.alphas().subList(0, stop.framesKept()), s.calibration()),
                    frames.images().subList(0, stop.framesKept()), frames.nanos());
        }
        BufferedImage first = frames.images().get(0);
        LOG.infof("rendered %d frames at %dx%d in %.1f ms (%.2f ms/frame) with %s", frames.images().size(), first.getWidth(),
                first.getHeight(), frames.nanos() / 1e6, frames.nanos() / 1e6 / frames.images().size(), checkpoint.checkpointId());

        // One folder per walk (direction, layers, α list, schedule): a second walk of the same case and direction never
        // overwrites this one's objects, and a redelivered input rewrites the same keys with the same bytes.
        String prefix = ObjectKeys.simulationPrefix(walk.caseId(), checkpoint.checkpointId(), frames.direction().keySegment(),
                frames.direction().layers().toString(), frames.schedule().alphas(), frames.schedule().kind(),
                calibrationKey(frames.schedule().calibration()));
        List<ObjectRef> frameRefs = new ArrayList<>();
        for (int k = 0; k < frames.images().size(); k++) {
            frameRefs.add(store.put(prefix + "frame-" + k + ".png", PngEncoder.encode(frames.images().get(k)), "image/png"));
        }
        ObjectRef strip = store.put(prefix + "strip.png", PngEncoder.encode(ProgressionStrip.compose(frames.images(), frames.schedule().alphas())),
                "image/png");
        ObjectRef animation = store.put(prefix + "progression.gif",
                AnimatedGifWriter.write(frames.images(), (int) settings.frameDelay().toMillis(), 0), "image/gif");
        UUID eventId = EventIds.of(EventType.SIMULATION_RENDERED, walk.causationId(), checkpoint.checkpointId(),
                frames.direction().label(), frames.schedule().alphas());
        publisher.publish(rendered, new SimulationRendered(eventId, Instant.now(), walk.caseId(), checkpoint.checkpointId(),
                walk.jobId(), walk.causationId(), frames.direction().label(), frames.direction().layers().toString(),
                frames.schedule().alphas(), frameRefs, strip, animation, walk.diagnosis(), frames.schedule().kind(),
                frames.schedule().calibration(), stop.reason(), walk.input(), walk.reconstruction()));
    }

    /** The calibration target of a calibrated walk as it enters the simulation's key; null for a fixed walk. */
    static String calibrationKey(SimulationRendered.Calibration calibration) {
        return calibration == null ? null : "target=" + calibration.targetSigma() + ";margin=" + calibration.marginSigma()
                + ";position=" + calibration.positionSigma() + ";sigma=" + calibration.sigma() + ";statistics=" + calibration.statistics();
    }

    /**
     * Where a calibrated walk ends: before realism breaks or the lesion is lost, or at the judge's target
     * P(mel) ({@link WalkStop}); fixed walks and walks without a configured judge keep every frame.
     */
    WalkStop.Decision stop(Schedule schedule, List<BufferedImage> images) {
        if (!schedule.kind().equals("calibrated") || settings.judgeWeights().isEmpty()) {
            return new WalkStop.Decision(images.size(), WalkStop.COMPLETED);
        }
        synchronized (this) {
            if (judge == null) {
                try {
                    judgeManager = device.newManager();
                    judge = MelanomaJudge.open(JudgeConfiguration.fromSettings(settings.judgeWeights().get().toString()), judgeManager);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot load the judge " + settings.judgeWeights().get(), e);
                }
                LOG.infof("walks stop on realism, lesion loss or P(mel) >= %.2f (judge %s)", settings.targetPMel(),
                        settings.judgeWeights().get());
            }
            if (judge.notConfiguredReason() != null) {
                return new WalkStop.Decision(images.size(), WalkStop.COMPLETED);
            }
            return WalkStop.decide(FrameReadings.read(judge, images), settings.targetPMel());
        }
    }

    private MelanomaJudge judge;
    private NDManager judgeManager;

    @jakarta.annotation.PreDestroy
    synchronized void closeJudge() {
        if (judge != null) {
            judge.close();
            judgeManager.close();
        }
    }

    record Frames(DirectionChoice.Chosen direction, Schedule schedule, List<BufferedImage> images, long nanos) {
    }

    /** A walk's α list and how it was chosen. */
    record Schedule(String kind, List<Double> alphas, SimulationRendered.Calibration calibration) {
    }

    /**
     * A calibrated walk (the configured automatic walk, or a request that asks for one) when the chosen
     * axis carries class statistics; else the walk's own α list.
     */
    Schedule schedule(Walk walk, DirectionChoice.Chosen direction, float[][] wPlus) {
        if (!walk.calibrated() || direction.statistics() == null) {
            return new Schedule("fixed", walk.alphas(), null);
        }
        AxisStatistics stats = direction.statistics();
        List<Integer> rows = java.util.stream.IntStream.range(0, wPlus.length).filter(direction.layers()::includesIndex).boxed().toList();
        double projection = AxisStatistics.project(LabelledLatent.ofWPlus(wPlus, rows, false).latent(), direction.direction());
        WalkSchedule.Plan plan = new WalkSchedule.Calibrated(settings.marginSigma(), settings.steps()).plan(projection, stats);
        return new Schedule("calibrated", plan.alphas(), new SimulationRendered.Calibration(plan.startSigma(), plan.targetSigma(),
                stats.melCentreInSigma(), settings.marginSigma(), stats.sigma(), direction.statisticsSource()));
    }

    /** The shipped axis file, read per walk (it is small) so a file put in place later is picked up. */
    private DirectionChoice.Shipped shipped(CheckpointPublished checkpoint) {
        if (settings.shippedAxis().isEmpty() || !java.nio.file.Files.isRegularFile(settings.shippedAxis().get())) {
            return DirectionChoice.Shipped.none();
        }
        java.nio.file.Path path = settings.shippedAxis().get();
        ObjectRef weights = checkpoint.artefacts().get(LoadedGenerator.WEIGHTS);
        try {
            return new DirectionChoice.Shipped(Optional.of(ProgressionAxisFile.read(java.nio.file.Files.readAllBytes(path))),
                    path.toString(), weights == null ? null : weights.sha256());
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warnf("shipped progression axis %s is unusable, walking without it: %s", path, e.getMessage());
            return DirectionChoice.Shipped.none();
        }
    }

    /** Runs {@code work} with the live generator when it is the checkpoint's, else with that checkpoint's own, loaded for it. */
    private <R> R withGenerator(CheckpointPublished checkpoint, Function<Generator, R> work) {
        if (live.checkpointId().map(checkpoint.checkpointId()::equals).orElse(false)) {
            Optional<R> result = live.withModel(Duration.ofSeconds(1), loaded -> loaded.checkpointId().equals(checkpoint.checkpointId())
                    ? Optional.of(work.apply(loaded.model().generator())) : Optional.empty());
            if (result.isPresent()) {
                return result.get();
            }
        }
        LOG.infof("latents of checkpoint %s: loading its generator for this case (serving %s)", checkpoint.checkpointId(),
                live.checkpointId().orElse("none"));
        try (LoadedGenerator own = LoadedGenerator.load(checkpoint, store, dir(checkpoint), device)) {
            return work.apply(own.generator());
        }
    }

    private float[][] readLatents(Walk walk) {
        byte[] npy = WorkerInput.read(store, walk.latents(), LATENTS_MISSING);
        if (walk.numWs() != null) {
            return WPlusCodes.read(npy, walk.numWs(), walk.wDim());
        }
        try {
            return WPlusCodes.read(npy);
        } catch (java.io.IOException e) {
            throw new RejectedInputException(LATENTS_UNREADABLE, e.getMessage(), e);
        }
    }

    private static void requireAlphas(List<Double> alphas) {
        if (alphas.isEmpty() || alphas.size() > MAX_ALPHAS || alphas.stream().anyMatch(a -> a == null || !Double.isFinite(a))) {
            throw new RejectedInputException(INVALID_ALPHAS, "need 1.." + MAX_ALPHAS + " finite alphas, got " + alphas);
        }
    }

    private java.nio.file.Path dir(CheckpointPublished checkpoint) {
        return settings.workDir().resolve(checkpoint.checkpointId() + "-" + UUID.randomUUID());
    }
}
