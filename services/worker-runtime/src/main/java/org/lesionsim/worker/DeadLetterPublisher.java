package org.lesionsim.worker;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lesionsim.events.DeadLetter;

/**
 * Publishes rejected input to the worker's dead-letter topic ({@code dead-letter} channel): the
 * reason, and the original message exactly as received so it can be fixed and replayed. The log
 * line names the case key and the reason code only, never the payload.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    @Inject
    @Channel("dead-letter")
    MutinyEmitter<String> deadLetters;

    @Inject
    EventPublisher publisher;

    @ConfigProperty(name = "lesionsim.worker.name")
    String worker;

    /**
     * The one way a worker handles one message: run {@code work}; input it refuses goes to the dead-letter
     * topic; then acknowledge. Any other failure (store or broker down) propagates un-acknowledged, so the
     * message is redelivered instead of skipped.
     */
    public CompletionStage<Void> processThenAck(Message<String> message, String fallbackTopic, Runnable work) {
        try {
            work.run();
        } catch (RejectedInputException rejected) {
            reject(message, fallbackTopic, rejected);
        }
        return message.ack();
    }

    public DeadLetter reject(Message<String> original, String fallbackTopic, RejectedInputException rejection) {
        Optional<IncomingKafkaRecordMetadata> kafka = original.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = kafka.map(m -> m.getKey() == null ? null : m.getKey().toString()).orElse(null);
        String topic = kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse(fallbackTopic);
        DeadLetter letter = new DeadLetter(UUID.randomUUID(), Instant.now(), topic, worker, rejection.code(),
                rejection.getMessage(), key, original.getPayload() == null ? "" : original.getPayload());
        publisher.publish(deadLetters, letter);
        LOG.warnf("rejected message with key %s from %s: %s", key, topic, rejection.code());
        return letter;
    }
}
