package org.lesionsim.worker;

import org.lesionsim.storage.ObjectStoreUnavailableException;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
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

    @Inject
    WorkerMetrics metrics;

    @Inject
    @org.eclipse.microprofile.health.Readiness // the health check is the bean: its qualifier comes with it
    StoreOutage outage;

    /**
     * The one way a worker handles one message: run {@code work}; input it refuses goes to the dead-letter
     * topic; then acknowledge. Any other failure (store or broker down) propagates un-acknowledged, so the
     * message is redelivered instead of skipped.
     *
     * <p>Also the one place the worker's event metrics are counted ({@link WorkerMetrics}): processed
     * (output durable), dead-lettered (by {@link #reject}, with the reason code), failed (anything
     * else, before it propagates), and the time of each event that completed either way.
     *
     * <p>An unreachable object store is retried here with backoff ({@link StoreOutage}: readiness DOWN
     * meanwhile), up to its give-up time; each failed attempt counts as failed.
     */
    public CompletionStage<Void> processThenAck(Message<String> message, String fallbackTopic, Runnable work) {
        String topic = topicOf(message, fallbackTopic);
        long start = System.nanoTime();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    work.run();
                    metrics.processed(topic, Duration.ofNanos(System.nanoTime() - start));
                } catch (RejectedInputException rejected) {
                    reject(message, fallbackTopic, rejected); // a dead letter that cannot be published is a failure
                    metrics.rejected(topic, Duration.ofNanos(System.nanoTime() - start));
                } catch (ObjectStoreUnavailableException e) {
                    // The store, not the input: wait and do the whole event again (outputs are idempotent).
                    Duration waited = Duration.ofNanos(System.nanoTime() - start);
                    if (waited.compareTo(outage.giveUpAfter()) >= 0) {
                        throw e;
                    }
                    outage.down(e.getMessage());
                    metrics.failed(topic);
                    Duration pause = outage.backoff(attempt);
                    LOG.warnf("object store unavailable (attempt %d, retrying in %d ms): %s", attempt, pause.toMillis(),
                            e.getMessage());
                    sleep(pause);
                    continue;
                }
                outage.up();
                break;
            }
        } catch (RuntimeException | Error e) {
            metrics.failed(topic);
            throw e;
        }
        return message.ack();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the object store", e);
        }
    }

    /** The topic {@code message} came from, {@code fallbackTopic} when it did not come through Kafka. */
    static String topicOf(Message<?> message, String fallbackTopic) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse(fallbackTopic);
    }

    public DeadLetter reject(Message<String> original, String fallbackTopic, RejectedInputException rejection) {
        Optional<IncomingKafkaRecordMetadata> kafka = original.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = kafka.map(m -> m.getKey() == null ? null : m.getKey().toString()).orElse(null);
        String topic = kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse(fallbackTopic);
        DeadLetter letter = new DeadLetter(UUID.randomUUID(), Instant.now(), topic, worker, rejection.code(),
                rejection.getMessage(), key, original.getPayload() == null ? "" : original.getPayload());
        publisher.publish(deadLetters, letter);
        metrics.deadLettered(rejection.code()); // after the dead letter is durable: a failed publish is retried, not counted
        LOG.warnf("rejected message with key %s from %s: %s", key, topic, rejection.code());
        return letter;
    }
}
