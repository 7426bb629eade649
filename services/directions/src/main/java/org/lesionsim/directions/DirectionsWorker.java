package org.lesionsim.directions;

import static org.lesionsim.worker.DeadLetterReason.LATENTS_MISSING;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lesionsim.events.EventType;
import org.lesionsim.worker.WPlusCodes;
import org.lesionsim.worker.CheckpointCatalog;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.DirectionsComputed;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.EventPublisher;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;

/**
 * Directions in W for every generator checkpoint, and which of them go from nevus to melanoma:
 * <ul>
 *   <li>{@code checkpoint published} (generator) → SeFa per layer selection → {@code directions computed};</li>
 *   <li>{@code latents inverted} with an nv/mel diagnosis → the case joins the labelled cases of the
 *       generator its encoder inverts into (the encoder checkpoint's {@code generatorCheckpointId},
 *       read from this replica's catalogue of checkpoint announcements) → when due, a ranking and a
 *       supervised direction → {@code directions computed} with the ranking.</li>
 * </ul>
 * Inputs are acknowledged after their outputs are durable. Unusable input goes to
 * {@code dead-letter.directions} with a reason code; latents of other diagnoses (or none) are skipped.
 */
@ApplicationScoped
public class DirectionsWorker {
    private static final Logger LOG = Logger.getLogger(DirectionsWorker.class);

    @Inject
    SefaDirections sefa;

    @Inject
    DirectionRanking ranking;

    @Inject
    LabelledCases labelled;

    @Inject
    CheckpointCatalog catalog;

    @Inject
    ObjectStore store;

    @Inject
    DirectionsSettings settings;

    @Inject
    EventPublisher publisher;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    @Channel("directions-computed")
    MutinyEmitter<String> computed;

    @Incoming("checkpoints")
    @Blocking(value = "directions-pool", ordered = true)
    public CompletionStage<Void> onCheckpointPublished(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.CHECKPOINT_PUBLISHED.topic(), () -> {
            CheckpointPublished checkpoint = WorkerInput.decode(message.getPayload(), CheckpointPublished.class);
            if (checkpoint.kind() == CheckpointPublished.Kind.generator) {
                publish(sefa.compute(checkpoint));
                publish(ranking.rankIfDue(checkpoint.checkpointId()));
            }
        });
    }

    /** Every replica reads every announcement (own group, from the start): the catalogue only. */
    @Incoming("checkpoint-catalog")
    public CompletionStage<Void> onCheckpointAnnounced(Message<String> message) {
        try {
            catalog.record(WorkerInput.decode(message.getPayload(), CheckpointPublished.class));
        } catch (RejectedInputException malformed) {
            // the work channel dead-letters it; the catalogue has nothing to learn from it
        }
        return message.ack();
    }

    @Incoming("latents-inverted")
    @Blocking(value = "directions-pool", ordered = true)
    public CompletionStage<Void> onLatentsInverted(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.LATENTS_INVERTED.topic(), () -> {
            LatentsInverted latents = WorkerInput.decode(message.getPayload(), LatentsInverted.class);
            if (latents.diagnosis() == Diagnosis.MEL || latents.diagnosis() == Diagnosis.NV) {
                String generator = generatorOf(latents);
                labelled.add(generator, new LabelledCases.Entry(latents.caseId(), latents.diagnosis(), latents.checkpointId(),
                        latents.latents()));
                publish(ranking.rankIfDue(generator));
            }
        });
    }

    /** Checks the latents are a W+ code of the announced shape, and names the generator whose W they are in. */
    private String generatorOf(LatentsInverted latents) {
        String generator = CheckpointCatalog.requireGenerator(
                catalog.require(latents.checkpointId(), settings.checkpointWait()));
        byte[] npy = WorkerInput.read(store, latents.latents(), LATENTS_MISSING);
        ranking.remember(latents.latents(), WPlusCodes.read(npy, latents.numWs(), latents.wDim())); // read once, not again to rank
        return generator;
    }

    private void publish(List<DirectionsComputed> events) {
        events.forEach(e -> publisher.publish(computed, e));
        if (!events.isEmpty()) {
            LOG.infof("published %d directions computed events for %s", events.size(), events.get(0).checkpointId());
        }
    }
}
