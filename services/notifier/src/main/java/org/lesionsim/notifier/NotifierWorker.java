package org.lesionsim.notifier;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lesionsim.events.EventType;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.WorkerInput;

/**
 * {@code metrics scored} → a signed webhook to the case's sender ({@link WebhookDelivery}). A case
 * nobody is to be told about is acknowledged and skipped; a webhook that never took the delivery
 * ends as a dead letter ({@code WEBHOOK_UNREACHABLE} / {@code WEBHOOK_REJECTED}) carrying the
 * scored event. The event is acknowledged only after the delivery or the dead letter is recorded.
 */
@ApplicationScoped
public class NotifierWorker {

    @Inject
    WebhookDelivery delivery;

    @Inject
    DeadLetterPublisher deadLetters;

    @Incoming("metrics-scored")
    @Blocking(value = "delivery-pool", ordered = false)
    public CompletionStage<Void> onMetricsScored(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.METRICS_SCORED.topic(),
                () -> delivery.deliver(WorkerInput.decode(message.getPayload(), MetricsScored.class)));
    }
}
