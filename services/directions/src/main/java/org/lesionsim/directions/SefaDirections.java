package org.lesionsim.directions;

import static org.lesionsim.worker.DeadLetterReason.CHECKPOINT_INCOMPLETE;
import static org.lesionsim.worker.DeadLetterReason.CHECKPOINT_UNREADABLE;

import ai.djl.ndarray.NDManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DirectionsComputed;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.gan.Generator;
import org.lesionsim.progression.DirectionStore;
import org.lesionsim.sefa.GeneratorSefa;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.SefaResult;
import org.lesionsim.storage.LocalFiles;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;

/**
 * A generator checkpoint → its EMA generator's SeFa directions for every configured layer selection,
 * each stored as {@code directions/{ckpt}/sefa-{layers}.json} and announced as {@code directions computed}
 * (method sefa, the top eigenvalues). Deterministic: a redelivered checkpoint rewrites the same files
 * and re-announces the same event ids.
 */
@ApplicationScoped
public class SefaDirections {
    private static final Logger LOG = Logger.getLogger(SefaDirections.class);
    static final String GENERATOR = "generator_ema";
    static final String GENERATOR_CONFIG = "generator_ema_config";
    static final int TOP_EIGENVALUES = 5;

    @Inject
    ObjectStore store;

    @Inject
    DirectionsSettings settings;

    @Inject
    ComputeDevice device;

    public List<DirectionsComputed> compute(CheckpointPublished checkpoint) {
        List<LayerSelection> selections = selections();
        Path dir = settings.workDir().resolve(checkpoint.checkpointId());
        List<DirectionsComputed> events = new ArrayList<>();
        try (NDManager manager = device.newManager(); Generator generator = load(checkpoint, dir, manager)) {
            for (LayerSelection layers : selections) {
                long t0 = System.nanoTime();
                SefaResult sefa = GeneratorSefa.factorize(generator, layers);
                ObjectRef ref = new DirectionStore(store).putSefa(checkpoint.checkpointId(), layers, sefa);
                LOG.infof("SeFa of %s on layers %s: %d directions in %d ms", checkpoint.checkpointId(), layers,
                        sefa.directions().length, (System.nanoTime() - t0) / 1_000_000);
                events.add(sefaComputed(checkpoint.checkpointId(), layers, sefa, ref, null));
            }
        } finally {
            try {
                LocalFiles.deleteRecursively(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    static DirectionsComputed sefaComputed(String checkpointId, LayerSelection layers, SefaResult sefa, ObjectRef directions,
                                           ObjectRef ranking) {
        UUID eventId = EventIds.of(EventType.DIRECTIONS_COMPUTED, "sefa", checkpointId, layers,
                ranking == null ? "-" : ranking.sha256());
        return new DirectionsComputed(eventId, Instant.now(), EventIds.derive("directions", checkpointId, layers),
                checkpointId, DirectionsComputed.Method.sefa, layers.toString(), directions, sefa.directions().length,
                Arrays.stream(sefa.topEigenvalues(TOP_EIGENVALUES)).boxed().toList(), ranking);
    }

    List<LayerSelection> selections() {
        return settings.layers().stream().map(LayerSelection::parse).toList();
    }

    private Generator load(CheckpointPublished checkpoint, Path dir, NDManager manager) {
        ObjectRef weights = checkpoint.artefacts().get(GENERATOR);
        ObjectRef config = checkpoint.artefacts().get(GENERATOR_CONFIG);
        if (weights == null || config == null) {
            throw new RejectedInputException(CHECKPOINT_INCOMPLETE, "checkpoint " + checkpoint.checkpointId()
                    + " lacks the " + GENERATOR + " or " + GENERATOR_CONFIG + " artefact");
        }
        try {
            Files.createDirectories(dir);
            Path safetensors = dir.resolve(GENERATOR + ".safetensors");
            Files.write(safetensors, fetch(weights));
            Files.write(dir.resolve(GENERATOR + ".json"), fetch(config));
            return Generator.load(safetensors, manager);
        } catch (IOException | IllegalArgumentException e) {
            throw new RejectedInputException(CHECKPOINT_UNREADABLE, "generator of " + checkpoint.checkpointId()
                    + " does not load: " + e.getMessage(), e);
        }
    }

    private byte[] fetch(ObjectRef ref) {
        return WorkerInput.read(store, ref, CHECKPOINT_INCOMPLETE);
    }
}
