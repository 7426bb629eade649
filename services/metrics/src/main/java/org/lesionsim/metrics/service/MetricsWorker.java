package org.lesionsim.metrics.service;

import static org.lesionsim.worker.DeadLetterReason.FRAME_COUNT_MISMATCH;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventType;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.EventPublisher;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;

/**
 * The metric-scoring worker:
 * <ul>
 *   <li>{@code simulation rendered} → {@link ProgressionScoring} → {@code metrics scored};</li>
 *   <li>{@code checkpoint published} of a generator → {@link CheckpointEvaluation} → {@code training
 *       progress} with SWD (and FID/KID when configured) for the checkpoint's job. The consumer
 *       group is shared: one replica evaluates each checkpoint.</li>
 * </ul>
 * Inputs are acknowledged after their outputs are durable. Input that can never be scored
 * (malformed, a frame missing or altered, one α per frame not kept) goes to
 * {@code dead-letter.metrics} with a reason code; anything else fails the worker so the input is
 * redelivered.
 */
@ApplicationScoped
public class MetricsWorker {

    @Inject
    ProgressionScoring progressions;

    @Inject
    CheckpointEvaluation checkpoints;

    @Inject
    EventPublisher publisher;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    @Channel("metrics-scored")
    MutinyEmitter<String> scored;

    @Inject
    @Channel("training-progress")
    MutinyEmitter<String> progress;

    @Incoming("simulations-rendered")
    @Blocking(value = "scoring-pool", ordered = false)
    public CompletionStage<Void> onSimulationRendered(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.SIMULATION_RENDERED.topic(), () -> {
            SimulationRendered simulation = decodeSimulation(message.getPayload());
            publisher.publish(scored, progressions.score(simulation));
        });
    }

    @Incoming("checkpoints")
    @Blocking(value = "evaluation-pool", ordered = true)
    public CompletionStage<Void> onCheckpointPublished(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.CHECKPOINT_PUBLISHED.topic(), () -> {
            CheckpointPublished checkpoint = WorkerInput.decode(message.getPayload(), CheckpointPublished.class);
            if (checkpoint.kind() == CheckpointPublished.Kind.generator) {
                checkpoints.evaluate(checkpoint).ifPresent(event -> publisher.publish(progress, event));
            }
        });
    }

    /** As {@link #decode}, naming the one malformation a scorer cares about by its own code. */
    static SimulationRendered decodeSimulation(String payload) {
        try {
            JsonNode tree = EventCodec.mapper().readTree(payload == null ? "" : payload);
            if (tree != null && tree.path("alphas").isArray() && tree.path("frames").isArray()
                    && tree.path("alphas").size() != tree.path("frames").size()) {
                throw new RejectedInputException(FRAME_COUNT_MISMATCH, "one frame per alpha expected: "
                        + tree.path("alphas").size() + " alphas, " + tree.path("frames").size() + " frames");
            }
        } catch (JsonProcessingException e) {
            // not JSON: decode names it
        }
        return WorkerInput.decode(payload, SimulationRendered.class);
    }
}
