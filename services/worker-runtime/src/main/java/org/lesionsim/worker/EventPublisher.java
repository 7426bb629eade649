package org.lesionsim.worker;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.LesionEvent;

/**
 * Sends an event keyed by its case or job id (one case stays ordered on one partition), with
 * CloudEvents headers, and waits for the broker's acknowledgement: a worker acknowledges its
 * input only after its output is durable, so a crash in between re-delivers instead of losing.
 */
@ApplicationScoped
public class EventPublisher {
    private final URI source;

    public EventPublisher(@ConfigProperty(name = "lesionsim.worker.name") String worker) {
        this.source = URI.create("urn:lesionsim:" + worker);
    }

    public void publish(MutinyEmitter<String> channel, LesionEvent event) {
        channel.sendMessageAndAwait(message(event));
    }

    public Message<String> message(LesionEvent event) {
        return Message.of(EventCodec.toJson(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.partitionKey()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId().toString())
                        .withType("org.lesionsim." + event.type())
                        .withSource(source)
                        .withSubject(event.partitionKey())
                        .withTimestamp(event.time().atZone(java.time.ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build());
    }
}
