package org.lesionsim.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.lesionsim.data.ham10000.Ham10000Dataset;
import org.lesionsim.data.ham10000.Ham10000Record;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.imaging.ImageFormat;
import org.lesionsim.imaging.ImageRejectedException;

/**
 * Runs folder imports in the background, one case at a time through {@link CaseIntake}, and keeps
 * their progress. A file that is not JPEG/PNG, or whose container is broken (metadata removal
 * refuses it), is counted as failed and skipped, not fatal.
 */
@ApplicationScoped
public class FolderImports {
    private static final Logger LOG = Logger.getLogger(FolderImports.class);

    @Inject
    CaseIntake intake;

    @ConfigProperty(name = "lesionsim.ingest.import-roots", defaultValue = "/data")
    List<String> importRoots;

    /** Cases stored and announced at once: each waits on S3 and the broker, so a few overlap well. */
    @ConfigProperty(name = "lesionsim.ingest.import-concurrency", defaultValue = "4")
    int concurrency;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "folder-import"));
    private final Map<UUID, Progress> running = new ConcurrentHashMap<>();

    public record Status(UUID importId, int total, int submitted, int failed, boolean done, String error) {
    }

    static final class Progress {
        final int total;
        final AtomicInteger submitted = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        volatile boolean done;
        volatile String error;

        Progress(int total) {
            this.total = total;
        }
    }

    public static final class ImportRefusedException extends RuntimeException {
        private final int status;
        private final String error;

        ImportRefusedException(int status, String error, String reason) {
            super(reason);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    /** Starts importing {@code folder}; {@code submitter} is the id of the API key that asked (the cases' submitter). */
    public Status start(Path folder, List<String> classes, Optional<Integer> limit, String submitter) {
        Path dir = folder.toAbsolutePath().normalize();
        if (importRoots.stream().map(r -> Path.of(r).toAbsolutePath().normalize()).noneMatch(dir::startsWith)) {
            throw new ImportRefusedException(403, "path-not-allowed", "imports are allowed only under " + importRoots);
        }
        if (!Files.isDirectory(dir)) {
            throw new ImportRefusedException(404, "no-such-folder", "not a readable folder: " + dir);
        }
        List<Ham10000Record> records;
        try {
            records = Ham10000Dataset.open(dir).withClasses(classes).records();
        } catch (RuntimeException e) {
            throw new ImportRefusedException(422, "not-ham10000-layout", e.getMessage());
        }
        if (limit.isPresent()) {
            records = records.subList(0, Math.min(limit.get(), records.size()));
        }
        UUID importId = UUID.randomUUID();
        Progress progress = new Progress(records.size());
        running.put(importId, progress);
        List<Ham10000Record> toImport = records;
        executor.submit(() -> run(importId, toImport, progress, submitter));
        return status(importId).orElseThrow();
    }

    private void run(UUID importId, List<Ham10000Record> records, Progress progress, String submitter) {
        ExecutorService cases = Executors.newFixedThreadPool(concurrency, r -> new Thread(r, "folder-import-case"));
        try {
            List<java.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();
            for (Ham10000Record r : records) {
                pending.add(cases.submit(() -> {
                    importOne(importId, r, progress, submitter);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : pending) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            progress.error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            LOG.errorf("import %s stopped after %d cases: %s", importId, progress.submitted.get(), cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.error = "interrupted";
        } finally {
            cases.shutdownNow();
            progress.done = true;
            LOG.infof("import %s: %d submitted, %d failed of %d", importId, progress.submitted.get(), progress.failed.get(), progress.total);
        }
    }

    private void importOne(UUID importId, Ham10000Record r, Progress progress, String submitter) throws IOException {
        byte[] bytes = Files.readAllBytes(r.image());
        ImageFormat format;
        try {
            format = ImageFormat.sniff(bytes);
        } catch (ImageRejectedException notJpegOrPng) {
            progress.failed.incrementAndGet();
            return;
        }
        Map<String, String> source = new HashMap<>();
        source.put("dataset", "HAM10000");
        source.put("imageId", r.imageId());
        source.put("lesionId", r.lesionId());
        source.put("dxType", r.dxType());
        CaseIntake.ClinicalMetadata metadata = new CaseIntake.ClinicalMetadata(Diagnosis.fromCode(r.dx()),
                r.age() == null ? null : (int) Math.round(r.age()), r.sex(), r.localization(), source);
        try {
            intake.accept(CaseIntake.Submission.of(bytes, format, metadata, CaseReceived.Source.imported).withImport(importId)
                    .withSubmitter(submitter));
        } catch (ImageRejectedException brokenContainer) { // truncated or corrupt: nothing was stored
            progress.failed.incrementAndGet();
            return;
        }
        progress.submitted.incrementAndGet();
    }

    public Optional<Status> status(UUID id) {
        Progress p = running.get(id);
        return p == null ? Optional.empty()
                : Optional.of(new Status(id, p.total, p.submitted.get(), p.failed.get(), p.done, p.error));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
