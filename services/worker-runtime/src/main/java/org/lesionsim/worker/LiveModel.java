package org.lesionsim.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.storage.CheckpointFolder;
import org.lesionsim.storage.LocalFiles;
import org.lesionsim.storage.ObjectStore;

/**
 * The model a worker serves with, swapped atomically when a newer checkpoint is published. Every
 * replica follows {@code checkpoints.published} on its own (a per-instance consumer group reading
 * from the start), so each loads every new checkpoint. A case in flight keeps the model it started
 * with; the old model is closed when its last user is done, and each output is stamped with the
 * checkpoint id it was made with. Cases that arrive before any model is loaded wait for one.
 *
 * @param <M> the loaded networks (closing frees their native memory)
 */
public final class LiveModel<M extends AutoCloseable> {
    private static final Logger LOG = Logger.getLogger(LiveModel.class);

    /** Builds the model from a checkpoint's artefacts, downloaded into {@code dir} under their file names. */
    @FunctionalInterface
    public interface Loader<M> {
        M load(CheckpointPublished checkpoint, Path dir) throws IOException;
    }

    /** A model and the checkpoint it came from. */
    public record Loaded<M>(CheckpointPublished checkpoint, M model) {
        public String checkpointId() {
            return checkpoint.checkpointId();
        }
    }

    private static final class Lease<M extends AutoCloseable> {
        final Loaded<M> loaded;
        int users;
        boolean retired;

        Lease(Loaded<M> loaded) {
            this.loaded = loaded;
        }
    }

    private final CheckpointPublished.Kind kind;
    private final java.util.Set<String> artefacts;
    private final Loader<M> loader;
    private Lease<M> current;
    private final java.util.List<java.util.function.Consumer<String>> swapListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A model built from every artefact of the checkpoints of {@code kind}. */
    public LiveModel(CheckpointPublished.Kind kind, Loader<M> loader) {
        this(kind, java.util.Set.of(), loader);
    }

    /** A model that needs only the named artefacts (empty: all), so nothing else is downloaded. */
    public LiveModel(CheckpointPublished.Kind kind, java.util.Set<String> artefacts, Loader<M> loader) {
        this.kind = kind;
        this.artefacts = java.util.Set.copyOf(artefacts);
        this.loader = loader;
    }

    /**
     * Downloads and loads {@code checkpoint} if it is of this model's kind and newer (by publication
     * time) than the current one, then swaps it in. The artefacts go to a folder of this call's own
     * under {@code scratchDir}, deleted once the model is in memory: replicas on one host share
     * {@code scratchDir}, and one writing a file another is reading gave "Malformed data".
     *
     * @return whether it became the current model
     */
    public boolean offer(CheckpointPublished checkpoint, ObjectStore store, Path scratchDir) {
        if (checkpoint.kind() != kind || !isNewer(checkpoint)) {
            return false;
        }
        Path dir = null;
        try {
            java.util.Map<String, org.lesionsim.events.ObjectRef> needed = new java.util.HashMap<>(checkpoint.artefacts());
            if (!artefacts.isEmpty()) {
                needed.keySet().retainAll(artefacts);
            }
            dir = Files.createTempDirectory(Files.createDirectories(scratchDir), checkpoint.checkpointId() + "-");
            CheckpointFolder.download(store, checkpoint.config(), needed, dir);
            return swap(new Loaded<>(checkpoint, loader.load(checkpoint, dir)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not load checkpoint " + checkpoint.checkpointId(), e);
        } finally {
            if (dir != null) {
                try {
                    LocalFiles.deleteRecursively(dir);
                } catch (IOException e) {
                    LOG.warnf("could not delete %s: %s", dir, e.getMessage());
                }
            }
        }
    }

    /** Makes {@code loaded} current unless a newer one already is (then {@code loaded} is closed). */
    public boolean swap(Loaded<M> loaded) {
        Lease<M> retired;
        synchronized (this) {
            if (!isNewer(loaded.checkpoint())) {
                retired = new Lease<>(loaded);
            } else {
                retired = current;
                current = new Lease<>(loaded);
                notifyAll();
            }
            if (retired != null) {
                retired.retired = true;
                if (retired.users > 0) {
                    retired = null; // its last user closes it
                }
            }
        }
        close(retired);
        boolean swapped = retired == null || retired.loaded != loaded;
        if (swapped) {
            LOG.infof("serving with checkpoint %s", loaded.checkpointId());
            swapListeners.forEach(l -> l.accept(loaded.checkpointId()));
        }
        return swapped;
    }

    /**
     * Runs {@code work} with the current model, waiting up to {@code wait} for the first one.
     *
     * @throws IllegalStateException if no checkpoint arrived in time (the caller's failure strategy
     *                               decides: the input is not at fault and must not be dead-lettered)
     */
    public <R> R withModel(Duration wait, Function<Loaded<M>, R> work) {
        Lease<M> lease = acquire(wait);
        try {
            return work.apply(lease.loaded);
        } finally {
            Lease<M> toClose = null;
            synchronized (this) {
                lease.users--;
                if (lease.retired && lease.users == 0) {
                    toClose = lease;
                }
            }
            close(toClose);
        }
    }

    /** Calls {@code listener} with the checkpoint id each time a checkpoint becomes current (metrics: {@link WorkerModels}). */
    public void onSwap(java.util.function.Consumer<String> listener) {
        swapListeners.add(listener);
    }

    public synchronized Optional<String> checkpointId() {
        return Optional.ofNullable(current).map(l -> l.loaded.checkpointId());
    }

    private synchronized Lease<M> acquire(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (current == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("no " + kind + " checkpoint has been published within " + wait);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a checkpoint", e);
            }
        }
        current.users++;
        return current;
    }

    private synchronized boolean isNewer(CheckpointPublished checkpoint) {
        return current == null || checkpoint.time().isAfter(current.loaded.checkpoint().time());
    }

    private void close(Lease<M> lease) {
        if (lease == null) {
            return;
        }
        try {
            lease.loaded.model().close();
        } catch (Exception e) {
            LOG.warnf("closing checkpoint %s failed: %s", lease.loaded.checkpointId(), e.toString());
        }
    }
}
