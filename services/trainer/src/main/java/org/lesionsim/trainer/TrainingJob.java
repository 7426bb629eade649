package org.lesionsim.trainer;

import static org.lesionsim.worker.DeadLetterReason.DATASET_CHANGED;
import static org.lesionsim.worker.DeadLetterReason.DATASET_EMPTY;
import static org.lesionsim.worker.DeadLetterReason.DATASET_UNREADABLE;
import static org.lesionsim.worker.DeadLetterReason.INVALID_DATASET;
import static org.lesionsim.worker.DeadLetterReason.INVALID_PARAMETERS;
import static org.lesionsim.worker.DeadLetterReason.RESUME_NOT_FOUND;
import static org.lesionsim.worker.DeadLetterReason.UNSUPPORTED_STAGE;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.events.TrainingRequested;
import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.gan.training.TrainingListener;
import org.lesionsim.gan.training.TrainingLoop;
import org.lesionsim.gan.training.TrainingSpec;
import org.lesionsim.storage.CheckpointFolder;
import org.lesionsim.storage.LocalFiles;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.RejectedInputException;

/**
 * One generator training job: fetch the data set from the store, start (or resume), train, and at
 * every snapshot upload the whole snapshot as a checkpoint, record it as the job's resume point
 * ({@code training/{jobId}/latest.json}, the announcement itself), then announce it. A job resumed
 * from its own resume point announces that checkpoint again (same event id: at least once, never
 * lost between the two writes). The store, not the local disk, is the
 * source of truth, so any replica can pick a job up where a dead one left it; resuming is bit-exact
 * ({@link TrainingLoop#resume}), so a re-made checkpoint has the same id and bytes as the first.
 */
final class TrainingJob {
    private static final ObjectMapper JSON = JsonMappers.compact();
    static final String LATEST = "latest.json";

    /** Where the job's events go (Kafka in the worker, a list in tests). */
    interface Sink {
        void progress(TrainingProgress event);

        void checkpoint(CheckpointPublished event);
    }

    private final TrainingRequested job;
    private final ObjectStore store;
    private final Path jobDir;
    private final Sink sink;
    private final ComputeDevice device;
    private String lastCheckpoint;
    private CheckpointPublished unconfirmed;

    TrainingJob(TrainingRequested job, ObjectStore store, Path jobDir, Sink sink, ComputeDevice device) {
        this.device = device;
        this.job = job;
        this.store = store;
        this.jobDir = jobDir;
        this.sink = sink;
    }

    void run() {
        if (job.stage() != TrainingRequested.Stage.generator) {
            throw new RejectedInputException(UNSUPPORTED_STAGE, "this worker trains generators; encoder training "
                    + "runs with org.lesionsim.tools.encoder.TrainEncoder against a published generator");
        }
        TrainingSpec spec;
        String prefix;
        try {
            spec = TrainingSpec.of(job.preset(), job.overrides(), job.kimg(), job.seed());
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(INVALID_PARAMETERS, e.getMessage(), e);
        }
        try {
            prefix = ObjectKeys.requireSafePrefix(job.datasetPrefix());
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(INVALID_DATASET, e.getMessage(), e);
        }
        try {
            LocalFiles.deleteRecursively(jobDir);
            ImageDataset dataset = download(prefix, spec);
            Optional<Path> resumeFrom = fetchResumePoint();
            try (NDManager manager = device.newManager(); TrainingLoop loop = open(spec, dataset, resumeFrom, manager)) {
                progress(TrainingProgress.Status.running, loop.nimg() / 1000.0, 0, null, Map.of(), loop.augmentP(),
                        resumeFrom.isPresent() ? "resumed from " + lastCheckpoint : "started on " + dataset.size()
                                + " images, dataset sha256 " + dataset.contentHash());
                if (unconfirmed != null) {
                    sink.checkpoint(unconfirmed);
                }
                loop.addListener(new TrainingListener() {
                    @Override
                    public void onTick(TickReport report) {
                        Map<String, Double> losses = new LinkedHashMap<>();
                        putFinite(losses, "loss_G", report.lossG());
                        putFinite(losses, "loss_D", report.lossD());
                        putFinite(losses, "r1", report.r1());
                        progress(TrainingProgress.Status.running, report.kimg(), report.tick(), report.secPerKimg(),
                                losses, report.augmentP(), null);
                    }

                    @Override
                    public void onSnapshot(Path dir, TickReport report) {
                        publishCheckpoint(dir, spec, dataset, report.kimg());
                    }
                });
                loop.train();
                progress(TrainingProgress.Status.completed, loop.nimg() / 1000.0, 0, null, Map.of(), loop.augmentP(),
                        "completed at checkpoint " + lastCheckpoint);
            }
            LocalFiles.deleteRecursively(jobDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainingLoop open(TrainingSpec spec, ImageDataset dataset, Optional<Path> resumeFrom, NDManager manager)
            throws IOException {
        if (resumeFrom.isEmpty()) {
            return TrainingLoop.create(spec.options(), spec.generator(), spec.discriminator(), dataset,
                    jobDir.resolve("run"), manager);
        }
        try {
            return TrainingLoop.resume(resumeFrom.get(), dataset, manager, job.kimg());
        } catch (IllegalArgumentException e) { // the data under the prefix is not what the checkpoint trained on
            throw new RejectedInputException(DATASET_CHANGED, e.getMessage(), e);
        }
    }

    /** Every PNG under the prefix, in key order (so the data set hash is stable), as the loop's data set. */
    private ImageDataset download(String prefix, TrainingSpec spec) throws IOException {
        List<String> keys = store.list(prefix).stream().filter(k -> k.endsWith(".png")).sorted().toList();
        if (keys.isEmpty()) {
            throw new RejectedInputException(DATASET_EMPTY, "no .png objects under " + prefix);
        }
        Path data = Files.createDirectories(jobDir.resolve("data"));
        for (int i = 0; i < keys.size(); i++) {
            Files.write(data.resolve(String.format(Locale.ROOT, "%07d.png", i)), store.get(keys.get(i)));
        }
        try {
            return ImageDataset.fromFolder(data, spec.generator().resolution(), spec.mirror());
        } catch (IOException e) {
            throw new RejectedInputException(DATASET_UNREADABLE, e.getMessage(), e);
        }
    }

    /** The job's own latest checkpoint if it ran before, else the one the job asks to start from. */
    private Optional<Path> fetchResumePoint() throws IOException {
        Optional<ObjectRef> latest = store.stat(ObjectKeys.trainingJobFile(job.jobId(), LATEST));
        if (latest.isPresent()) {
            unconfirmed = EventCodec.fromJson(new String(store.get(latest.get()), StandardCharsets.UTF_8),
                    CheckpointPublished.class);
        }
        String checkpointId = unconfirmed != null ? unconfirmed.checkpointId() : job.resumeFrom();
        if (checkpointId == null) {
            return Optional.empty();
        }
        String prefix;
        try {
            prefix = ObjectKeys.checkpointFile(checkpointId, TrainingLoop.STATE);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(RESUME_NOT_FOUND, "not a checkpoint id: " + checkpointId, e);
        }
        prefix = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        List<String> keys = store.list(prefix);
        if (keys.stream().noneMatch(k -> k.endsWith("/" + TrainingLoop.STATE))) {
            throw new RejectedInputException(RESUME_NOT_FOUND, "checkpoint " + checkpointId + " has no training state");
        }
        Path dir = Files.createDirectories(jobDir.resolve("run").resolve("resume-" + checkpointId));
        for (String key : keys) {
            Files.write(dir.resolve(key.substring(prefix.length())), store.get(key));
        }
        lastCheckpoint = checkpointId;
        return Optional.of(dir);
    }

    /** Uploads the snapshot + config.json, announces it, then moves the job's resume point to it. */
    private void publishCheckpoint(Path dir, TrainingSpec spec, ImageDataset dataset, double kimg) {
        String checkpointId = String.format(Locale.ROOT, "g%d-%s-kimg%08.3f", spec.generator().resolution(),
                job.jobId().toString().substring(0, 8), kimg);
        try {
            ObjectNode config = JSON.createObjectNode();
            config.put("format", 1);
            config.put("kind", "generator");
            config.put("checkpointId", checkpointId);
            config.put("jobId", job.jobId().toString());
            config.put("kimg", kimg);
            config.put("device", device.name());
            config.put("datasetPrefix", job.datasetPrefix());
            config.put("datasetSha256", dataset.contentHash());
            config.put("datasetImages", dataset.size());
            config.put("preset", job.preset());
            config.set("overrides", JSON.valueToTree(job.overrides()));
            config.set("generator", JSON.valueToTree(spec.generator()));
            config.set("discriminator", JSON.valueToTree(spec.discriminator()));
            config.set("training", JSON.readTree(dir.resolve(TrainingLoop.STATE).toFile()).get("options"));
            config.put("loadWith", "org.lesionsim.gan.Generator.load(generator_ema.safetensors) "
                    + "(generator_ema.json holds its architecture)");
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CheckpointFolder.CONFIG).toFile(), config);
            CheckpointFolder.Uploaded uploaded = CheckpointFolder.upload(store, checkpointId, dir);
            CheckpointPublished event = new CheckpointPublished(
                    EventIds.of(EventType.CHECKPOINT_PUBLISHED, checkpointId),
                    Instant.now(), job.jobId(), checkpointId, CheckpointPublished.Kind.generator, kimg, uploaded.config(),
                    uploaded.artefacts(), null);
            store.put(ObjectKeys.trainingJobFile(job.jobId(), LATEST),
                    EventCodec.toJson(event).getBytes(StandardCharsets.UTF_8), "application/json");
            lastCheckpoint = checkpointId;
            sink.checkpoint(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void progress(TrainingProgress.Status status, double kimg, int tick, Double secPerKimg,
            Map<String, Double> losses, double augmentP, String message) {
        UUID id = EventIds.of(EventType.TRAINING_PROGRESS, job.jobId(), status, tick, kimg);
        sink.progress(new TrainingProgress(id, Instant.now(), job.jobId(), lastCheckpoint, status, kimg, tick,
                secPerKimg, losses, Double.isFinite(augmentP) ? augmentP : null, Map.of(), message, device.name()));
    }

    private static void putFinite(Map<String, Double> into, String name, double value) {
        if (Double.isFinite(value)) {
            into.put(name, value);
        }
    }
}
