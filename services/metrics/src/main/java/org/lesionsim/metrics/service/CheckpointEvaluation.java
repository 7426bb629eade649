package org.lesionsim.metrics.service;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.gan.Generator;
import org.lesionsim.imaging.ImageDecoder;
import org.lesionsim.imaging.ImageRejectedException;
import org.lesionsim.imaging.Resampler;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.SlicedWassersteinDistance;
import org.lesionsim.metrics.fid.FidResult;
import org.lesionsim.storage.ChecksumMismatchException;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.RejectedInputException;

/**
 * A generator checkpoint → how close its images are to its training data, for the curve over
 * kimg: N images of its EMA generator ({@link GeneratorSamples}, fixed seed) against N real images
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
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStore store;

    @Inject
    PretrainedMetrics pretrained;

    @Inject
    MetricsSettings settings;

    public Optional<TrainingProgress> evaluate(CheckpointPublished checkpoint) {
        ObjectRef weights = artefact(checkpoint, GENERATOR_EMA);
        ObjectRef architecture = artefact(checkpoint, GENERATOR_EMA_CONFIG);
        JsonNode config;
        try {
            config = JSON.readTree(fetch(checkpoint.config()));
        } catch (IOException e) {
            throw new RejectedInputException("CONFIG_UNREADABLE", "config.json of " + checkpoint.checkpointId()
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
            throw new RejectedInputException("INVALID_DATASET", e.getMessage(), e);
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
        try (NDManager manager = NDManager.newBaseManager()) {
            Generator generator = load(checkpoint, weights, architecture, dir, manager);
            int res = generator.resolution();
            Collections.shuffle(keys, new Random(settings.seed()));
            List<PlanarImage> real = new ArrayList<>();
            for (String key : keys.subList(0, count)) {
                real.add(realImage(key, res));
            }
            long start = System.nanoTime();
            List<PlanarImage> generated = GeneratorSamples.sample(generator, count, settings.seed(), manager);
            long sampled = System.nanoTime();
            Map<String, Double> metrics = new LinkedHashMap<>();
            List<String> notMeasured = new ArrayList<>();
            if (res >= SlicedWassersteinDistance.SMALLEST_RESOLUTION) {
                SlicedWassersteinDistance.Result swd = new SlicedWassersteinDistance().between(real, generated, settings.seed());
                metrics.put("swd", swd.averageX1e3());
                for (int level = 0; level < swd.resolutions().length; level++) {
                    metrics.put("swd_" + swd.resolutions()[level], swd.levelsX1e3()[level]);
                }
            } else {
                notMeasured.add("SWD needs images of at least " + SlicedWassersteinDistance.SMALLEST_RESOLUTION + " px");
            }
            long swdDone = System.nanoTime();
            FidResult fid = pretrained.fid().score(real, generated);
            if (fid instanceof FidResult.Measured m) {
                metrics.put("fid", m.fid().distance());
                metrics.put("kid", m.kid().mean());
                metrics.put("kid_std", m.kid().std());
            } else {
                notMeasured.add(((FidResult.NotConfigured) fid).reason());
            }
            LOG.infof("checkpoint %s (%.3f kimg): %d vs %d images at %d px; sampling %.0f ms, SWD %.0f ms, FID %s; %s",
                    checkpoint.checkpointId(), checkpoint.kimg(), count, count, res, (sampled - start) / 1e6,
                    (swdDone - sampled) / 1e6, fid instanceof FidResult.Measured
                            ? String.format(Locale.ROOT, "%.0f ms", (System.nanoTime() - swdDone) / 1e6) : "not configured",
                    metrics);
            String message = String.format(Locale.ROOT, "checkpoint metrics on %d generated vs %d real images at %dx%d "
                    + "(SWD x1e3 per level and mean)", count, count, res, res)
                    + (notMeasured.isEmpty() ? "" : "; not measured: " + String.join("; ", notMeasured));
            return Optional.of(new TrainingProgress(eventId(checkpoint), Instant.now(), checkpoint.jobId(),
                    checkpoint.checkpointId(), TrainingProgress.Status.running, checkpoint.kimg(), 0, null, Map.of(), null,
                    metrics, message));
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Deterministic: one checkpoint's evaluation always has the same event id (redelivery, other replicas). */
    static UUID eventId(CheckpointPublished checkpoint) {
        return UUID.nameUUIDFromBytes(("training.progress|metrics|" + checkpoint.checkpointId()).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectRef artefact(CheckpointPublished checkpoint, String name) {
        ObjectRef ref = checkpoint.artefacts().get(name);
        if (ref == null) {
            throw new RejectedInputException("GENERATOR_MISSING", "generator checkpoint " + checkpoint.checkpointId()
                    + " has no " + name + " artefact");
        }
        return ref;
    }

    private byte[] fetch(ObjectRef ref) {
        try {
            return store.getIfPresent(ref).orElseThrow(() -> new RejectedInputException("ARTEFACT_MISSING",
                    "no object at " + ref.key()));
        } catch (ChecksumMismatchException e) {
            throw new RejectedInputException("CHECKSUM_MISMATCH", e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException("INVALID_KEY", e.getMessage(), e);
        }
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
            throw new RejectedInputException("GENERATOR_UNREADABLE", "generator_ema of " + checkpoint.checkpointId()
                    + " does not load: " + e.getMessage(), e);
        }
    }

    private PlanarImage realImage(String key, int res) {
        BufferedImage image;
        try {
            image = new ImageDecoder().decode(store.get(key)).image();
        } catch (ImageRejectedException e) {
            throw new RejectedInputException("DATASET_UNREADABLE", key + ": " + e.getMessage(), e);
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
