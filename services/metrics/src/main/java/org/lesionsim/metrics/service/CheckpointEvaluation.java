package org.lesionsim.metrics.service;

import static org.lesionsim.worker.DeadLetterReason.ARTEFACT_MISSING;
import static org.lesionsim.worker.DeadLetterReason.CONFIG_UNREADABLE;
import static org.lesionsim.worker.DeadLetterReason.DATASET_UNREADABLE;
import static org.lesionsim.worker.DeadLetterReason.GENERATOR_MISSING;
import static org.lesionsim.worker.DeadLetterReason.GENERATOR_UNREADABLE;
import static org.lesionsim.worker.DeadLetterReason.INVALID_DATASET;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorSamples;
import org.lesionsim.imaging.ImageDecoder;
import org.lesionsim.imaging.ImageRejectedException;
import org.lesionsim.imaging.Resampler;
import org.lesionsim.metrics.GeneratorFidelity;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;

/**
 * A generator checkpoint → how close its images are to its training data, for the curve over
 * kimg ({@link GeneratorFidelity}): N images of its EMA generator (fixed seed) against N real images
 * drawn (fixed seed) from the data set its {@code config.json} names ({@code datasetPrefix}), resized
 * to the checkpoint's resolution. SWD (ProGAN, ×10³, per level and mean) always; FID and KID only
 * on the verified Inception weights. Out: a {@code training progress} event for the checkpoint's
 * job, status running, whose metrics hold only what was measured and whose message names what was
 * not. Empty when the checkpoint cannot be compared (no data set named, or none left to read).
 */
@ApplicationScoped
public class CheckpointEvaluation {
    static final String GENERATOR_EMA = "generator_ema";
    static final String GENERATOR_EMA_CONFIG = "generator_ema_config";
    private static final Logger LOG = Logger.getLogger(CheckpointEvaluation.class);
    private static final ObjectMapper JSON = JsonMappers.compact();

    @Inject
    ObjectStore store;

    @Inject
    PretrainedMetrics pretrained;

    @Inject
    MetricsSettings settings;

    /** Resolved at the first evaluation: a metrics worker that never evaluates a checkpoint never loads the engine for it. */
    @Inject
    Provider<ComputeDevice> device;

    public Optional<TrainingProgress> evaluate(CheckpointPublished checkpoint) {
        ObjectRef weights = artefact(checkpoint, GENERATOR_EMA);
        ObjectRef architecture = artefact(checkpoint, GENERATOR_EMA_CONFIG);
        JsonNode config;
        try {
            config = JSON.readTree(fetch(checkpoint.config()));
        } catch (IOException e) {
            throw new RejectedInputException(CONFIG_UNREADABLE, "config.json of " + checkpoint.checkpointId()
                    + " is not JSON: " + e.getMessage(), e);
        }
        String prefix = config.path("datasetPrefix").asText("");
        if (prefix.isBlank()) {
            LOG.infof("checkpoint %s: not evaluated, its config.json names no datasetPrefix to compare with",
                    checkpoint.checkpointId());
            return Optional.empty();
        }
        try {
            ObjectKeys.requireSafePrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(INVALID_DATASET, e.getMessage(), e);
        }
        List<String> keys = new ArrayList<>(store.list(prefix).stream()
                .filter(k -> k.endsWith(".png") || k.endsWith(".jpg") || k.endsWith(".jpeg")).sorted().toList());
        int count = Math.min(settings.checkpointSamples(), keys.size());
        if (count < 2) {
            LOG.infof("checkpoint %s: not evaluated, %d images under %s (at least 2 needed)", checkpoint.checkpointId(),
                    keys.size(), prefix);
            return Optional.empty();
        }

        Path dir = settings.workDir().resolve(checkpoint.checkpointId());
        try (NDManager manager = device.get().newManager()) {
            Generator generator = load(checkpoint, weights, architecture, dir, manager);
            int res = generator.resolution();
            Collections.shuffle(keys, new Random(settings.seed()));
            List<PlanarImage> real = new ArrayList<>();
            for (String key : keys.subList(0, count)) {
                real.add(realImage(key, res));
            }
            GeneratorFidelity.Result fidelity = GeneratorFidelity.measure(generator.resolution(),
                    GeneratorSamples.sampler(generator, manager), real, settings.seed(), pretrained.fid());
            LOG.infof("checkpoint %s (%.3f kimg): %s; sampling %.0f ms, SWD %.0f ms, FID %s; %s", checkpoint.checkpointId(),
                    checkpoint.kimg(), fidelity.describe(), fidelity.samplingMs(), fidelity.swdMs(),
                    fidelity.metrics().containsKey("fid") ? String.format(Locale.ROOT, "%.0f ms", fidelity.fidMs())
                            : "not configured", fidelity.metrics());
            String message = "checkpoint metrics on " + fidelity.describe();
            return Optional.of(new TrainingProgress(eventId(checkpoint), Instant.now(), checkpoint.jobId(),
                    checkpoint.checkpointId(), TrainingProgress.Status.running, checkpoint.kimg(), 0, null, Map.of(), null,
                    fidelity.metrics(), message, null)); // not the trainer's: no training device
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Deterministic: one checkpoint's evaluation always has the same event id (redelivery, other replicas). */
    static UUID eventId(CheckpointPublished checkpoint) {
        return EventIds.of(EventType.TRAINING_PROGRESS, "metrics", checkpoint.checkpointId());
    }

    private static ObjectRef artefact(CheckpointPublished checkpoint, String name) {
        ObjectRef ref = checkpoint.artefacts().get(name);
        if (ref == null) {
            throw new RejectedInputException(GENERATOR_MISSING, "generator checkpoint " + checkpoint.checkpointId()
                    + " has no " + name + " artefact");
        }
        return ref;
    }

    private byte[] fetch(ObjectRef ref) {
        return WorkerInput.read(store, ref, ARTEFACT_MISSING);
    }

    /** The EMA weights and their architecture file, under the file names {@link Generator#load} expects. */
    private Generator load(CheckpointPublished checkpoint, ObjectRef weights, ObjectRef architecture, Path dir,
                           NDManager manager) {
        Path safetensors = dir.resolve(fileName(weights));
        try {
            Files.createDirectories(dir);
            Files.write(safetensors, fetch(weights));
            Files.write(dir.resolve(fileName(architecture)), fetch(architecture));
        } catch (IOException e) { // local disk: not the checkpoint's fault, so retried rather than refused
            throw new UncheckedIOException(e);
        }
        try {
            return Generator.load(safetensors, manager);
        } catch (IOException | IllegalArgumentException e) {
            throw new RejectedInputException(GENERATOR_UNREADABLE, "generator_ema of " + checkpoint.checkpointId()
                    + " does not load: " + e.getMessage(), e);
        }
    }

    private PlanarImage realImage(String key, int res) {
        BufferedImage image;
        try {
            image = new ImageDecoder().decode(store.get(key)).image();
        } catch (ImageRejectedException e) {
            throw new RejectedInputException(DATASET_UNREADABLE, key + ": " + e.getMessage(), e);
        }
        if (image.getWidth() != res || image.getHeight() != res) {
            image = Resampler.resize(image, res, res);
        }
        return PlanarImage.fromBufferedImage(image);
    }

    private static String fileName(ObjectRef ref) {
        return ref.key().substring(ref.key().lastIndexOf('/') + 1);
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.exists(dir) ? Files.walk(dir) : java.util.stream.Stream.<Path>empty()) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("could not clean %s: %s", dir, e.toString());
        }
    }
}
