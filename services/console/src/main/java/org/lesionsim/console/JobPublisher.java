package org.lesionsim.console;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lesionsim.events.SimulationRequested;
import org.lesionsim.events.TrainingRequested;
import org.lesionsim.worker.EventPublisher;

/** What the console sends: jobs the API accepted, and dead letters an operator replays. Each waits for the broker's ack. */
@ApplicationScoped
public class JobPublisher {
    @Inject
    EventPublisher publisher;

    @Inject
    @Channel("jobs-simulate")
    MutinyEmitter<String> simulate;

    @Inject
    @Channel("jobs-train")
    MutinyEmitter<String> train;

    @Inject
    @Channel("replay")
    MutinyEmitter<String> replay;

    public void publish(SimulationRequested request) {
        publisher.publish(simulate, request);
    }

    public void publish(TrainingRequested request) {
        publisher.publish(train, request);
    }

    /** The original record's value, unchanged, back on the topic it came from, with its key. */
    public void replay(String topic, String key, String originalEvent) {
        replay.sendMessageAndAwait(Message.of(originalEvent).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).build()));
    }
}
