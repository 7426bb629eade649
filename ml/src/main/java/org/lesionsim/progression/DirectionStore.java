package org.lesionsim.progression;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.sefa.DirectionsJson;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.RankedAxis;
import org.lesionsim.sefa.SefaResult;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * The directions of each generator checkpoint as they are kept in the object store, under
 * {@code directions/{generator ckpt}/} ({@link DirectionFiles} names the files): SeFa per layer
 * selection, its ranking nv → mel, and the supervised direction. The directions worker is the one
 * writer; the progression worker only reads, and never factorises a generator itself: SeFa is the
 * directions worker's job, done once per checkpoint, not once per replica or per walk.
 */
public final class DirectionStore {
    /** How often {@link #awaitSefa} looks again while the directions worker has not stored the file yet. */
    private static final Duration POLL = Duration.ofMillis(250);

    private final ObjectStore store;

    public DirectionStore(ObjectStore store) {
        this.store = store;
    }

    public ObjectRef putSefa(String generatorCheckpointId, LayerSelection layers, SefaResult sefa) {
        return store.put(ObjectKeys.directions(generatorCheckpointId, DirectionFiles.sefa(layers)), DirectionsJson.write(sefa),
                "application/json");
    }

    /** SeFa of {@code layers}, with the reference to the stored file, if the directions worker has stored it. */
    public Optional<Stored<SefaResult>> sefa(String generatorCheckpointId, LayerSelection layers) {
        return sefaRef(generatorCheckpointId, layers).map(ref -> new Stored<>(ref, readSefa(ref)));
    }

    /** Where SeFa of {@code layers} is stored (key and SHA-256), if it is: a HEAD, not a read. */
    public Optional<ObjectRef> sefaRef(String generatorCheckpointId, LayerSelection layers) {
        return store.stat(ObjectKeys.directions(generatorCheckpointId, DirectionFiles.sefa(layers)));
    }

    /** Reads and parses a stored SeFa file, checking its SHA-256. */
    public SefaResult readSefa(ObjectRef ref) {
        return DirectionsJson.readSefa(store.get(ref));
    }

    /**
     * {@link #sefa}, waiting up to {@code wait} for it: a walk may arrive before the directions worker
     * has factorised a checkpoint it has just seen published (seconds at most).
     */
    public Optional<SefaResult> awaitSefa(String generatorCheckpointId, LayerSelection layers, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Stored<SefaResult>> stored = sefa(generatorCheckpointId, layers);
            if (stored.isPresent() || System.nanoTime() >= deadline) {
                return stored.map(Stored::value);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    public ObjectRef putRanking(String generatorCheckpointId, LayerSelection layers, List<RankedAxis> ranking) {
        return store.put(ObjectKeys.directions(generatorCheckpointId, DirectionFiles.ranking(layers)), DirectionsJson.write(ranking),
                "application/json");
    }

    /** The SeFa axes of {@code layers} ranked nv → mel, best first, once the directions worker has ranked them. */
    public Optional<List<RankedAxis>> ranking(String generatorCheckpointId, LayerSelection layers) {
        return store.stat(ObjectKeys.directions(generatorCheckpointId, DirectionFiles.ranking(layers)))
                .map(ref -> DirectionsJson.readRanking(store.get(ref)));
    }

    public ObjectRef putSupervised(String generatorCheckpointId, SupervisedDirectionFile supervised) {
        return store.put(ObjectKeys.directions(generatorCheckpointId, DirectionFiles.SUPERVISED), supervised.toJson(),
                "application/json");
    }

    public Optional<SupervisedDirectionFile> supervised(String generatorCheckpointId) {
        return store.stat(ObjectKeys.directions(generatorCheckpointId, DirectionFiles.SUPERVISED))
                .map(ref -> SupervisedDirectionFile.read(store.get(ref)));
    }

    /** A value read from the store, with the reference (key and SHA-256) it was read from. */
    public record Stored<T>(ObjectRef ref, T value) {
    }
}
