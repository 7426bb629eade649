package org.lesionsim.worker;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lesionsim.events.CheckpointPublished;

/**
 * Every checkpoint announced on {@code checkpoints.published}, by id, as this replica has read them
 * (its own consumer group from the start of the topic): tells which generator an encoder
 * checkpoint inverts into. Latents may overtake their checkpoint's announcement, so a lookup waits.
 */
@ApplicationScoped
public class CheckpointCatalog {
    private final Map<String, CheckpointPublished> byId = new HashMap<>();

    public synchronized void record(CheckpointPublished checkpoint) {
        byId.put(checkpoint.checkpointId(), checkpoint);
        notifyAll();
    }

    /** The checkpoint called {@code id}, waiting up to {@code wait} for it to be announced. */
    public synchronized Optional<CheckpointPublished> await(String id, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!byId.containsKey(id)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.of(byId.get(id));
    }

    /**
     * The checkpoint an input names, as {@link #await} finds it; one that was not announced within
     * {@code wait} is the input's fault ({@code UNKNOWN_CHECKPOINT}).
     */
    public CheckpointPublished require(String id, Duration wait) {
        return await(id, wait).orElseThrow(() -> new RejectedInputException(DeadLetterReason.UNKNOWN_CHECKPOINT,
                "checkpoint " + id + " was not announced on checkpoints.published within " + wait));
    }

    /** {@link #generatorOf}, or {@code UNKNOWN_GENERATOR} for an encoder checkpoint that names none. */
    public static String requireGenerator(CheckpointPublished checkpoint) {
        return generatorOf(checkpoint).orElseThrow(() -> new RejectedInputException(DeadLetterReason.UNKNOWN_GENERATOR,
                "encoder checkpoint " + checkpoint.checkpointId() + " names no generatorCheckpointId"));
    }

    /** The generator whose W space the checkpoint's latents live in: itself, or the one an encoder inverts. */
    public static Optional<String> generatorOf(CheckpointPublished checkpoint) {
        return checkpoint.kind() == CheckpointPublished.Kind.generator ? Optional.of(checkpoint.checkpointId())
                : Optional.ofNullable(checkpoint.generatorCheckpointId());
    }
}
