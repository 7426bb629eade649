package org.lesionsim.progression.worker;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.gan.Generator;
import org.lesionsim.storage.ChecksumMismatchException;
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

    /** Downloads the two artefacts into {@code dir} under their file names and loads them. */
    public static LoadedGenerator load(CheckpointPublished checkpoint, ObjectStore store, Path dir) {
        ObjectRef weights = checkpoint.artefacts().get(WEIGHTS);
        ObjectRef config = checkpoint.artefacts().get(CONFIG);
        if (weights == null || config == null) {
            throw new RejectedInputException("CHECKPOINT_INCOMPLETE", "checkpoint " + checkpoint.checkpointId()
                    + " lacks the " + WEIGHTS + " or " + CONFIG + " artefact");
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            Files.createDirectories(dir);
            Path safetensors = dir.resolve(WEIGHTS + ".safetensors");
            Files.write(safetensors, fetch(store, weights));
            Files.write(dir.resolve(WEIGHTS + ".json"), fetch(store, config));
            Generator generator = Generator.load(safetensors, manager);
            Files.delete(safetensors);
            Files.delete(dir.resolve(WEIGHTS + ".json"));
            Files.delete(dir);
            return new LoadedGenerator(manager, generator);
        } catch (IOException | IllegalArgumentException e) {
            manager.close();
            throw new RejectedInputException("CHECKPOINT_UNREADABLE", "generator of " + checkpoint.checkpointId()
                    + " does not load: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static byte[] fetch(ObjectStore store, ObjectRef ref) {
        try {
            return store.getIfPresent(ref).orElseThrow(() -> new RejectedInputException("CHECKPOINT_INCOMPLETE",
                    "no object at " + ref.key()));
        } catch (ChecksumMismatchException e) {
            throw new RejectedInputException("CHECKSUM_MISMATCH", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        generator.close();
        manager.close();
    }
}
