package org.lesionsim.progression.worker;

import static org.lesionsim.worker.DeadLetterReason.CHECKPOINT_INCOMPLETE;
import static org.lesionsim.worker.DeadLetterReason.CHECKPOINT_UNREADABLE;
import static org.lesionsim.worker.DeadLetterReason.CHECKSUM_MISMATCH;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.gan.Generator;
import org.lesionsim.storage.ChecksumMismatchException;
import org.lesionsim.storage.CheckpointFolder;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.RejectedInputException;

/**
 * The generator of a checkpoint (its {@code generator_ema} + {@code generator_ema_config} artefacts: a
 * generator checkpoint's EMA weights, or the frozen generator an encoder checkpoint carries), on its
 * own native memory, freed on close.
 */
public record LoadedGenerator(NDManager manager, Generator generator) implements AutoCloseable {
    static final String WEIGHTS = "generator_ema";
    static final String CONFIG = "generator_ema_config";

    /** The artefacts a generator needs; nothing else of a checkpoint is downloaded. */
    static final java.util.Set<String> ARTEFACTS = java.util.Set.of(WEIGHTS, CONFIG);

    /** Refuses a checkpoint that does not carry a generator. */
    static void requireArtefacts(CheckpointPublished checkpoint) {
        if (!checkpoint.artefacts().keySet().containsAll(ARTEFACTS)) {
            throw new RejectedInputException(CHECKPOINT_INCOMPLETE, "checkpoint " + checkpoint.checkpointId()
                    + " lacks the " + WEIGHTS + " or " + CONFIG + " artefact");
        }
    }

    /** Downloads the two artefacts into {@code dir} under their file names and loads them. */
    public static LoadedGenerator load(CheckpointPublished checkpoint, ObjectStore store, Path dir, ComputeDevice device) {
        requireArtefacts(checkpoint);
        try {
            CheckpointFolder.download(store, checkpoint.config(), Map.of(WEIGHTS, checkpoint.artefacts().get(WEIGHTS),
                    CONFIG, checkpoint.artefacts().get(CONFIG)), dir);
        } catch (ChecksumMismatchException e) {
            throw new RejectedInputException(CHECKSUM_MISMATCH, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RejectedInputException(CHECKPOINT_INCOMPLETE, "generator of " + checkpoint.checkpointId()
                    + " could not be fetched: " + e.getMessage(), e);
        }
        try {
            return fromDir(checkpoint, dir, device);
        } finally { // a per-case load leaves nothing on disk
            for (String file : new String[] {WEIGHTS + ".safetensors", WEIGHTS + ".json", CheckpointFolder.CONFIG, ""}) {
                try {
                    Files.deleteIfExists(file.isEmpty() ? dir : dir.resolve(file));
                } catch (IOException ignored) {
                    // scratch space; the next start clears it
                }
            }
        }
    }

    /** Loads the generator that {@link #load} or {@code LiveModel} downloaded into {@code dir}. */
    static LoadedGenerator fromDir(CheckpointPublished checkpoint, Path dir, ComputeDevice device) {
        NDManager manager = device.newManager();
        try {
            return new LoadedGenerator(manager, Generator.load(dir.resolve(WEIGHTS + ".safetensors"), manager));
        } catch (IOException | IllegalArgumentException e) {
            manager.close();
            throw new RejectedInputException(CHECKPOINT_UNREADABLE, "generator of " + checkpoint.checkpointId()
                    + " does not load: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void close() {
        generator.close();
        manager.close();
    }
}
