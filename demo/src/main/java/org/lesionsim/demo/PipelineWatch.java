package org.lesionsim.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows the pipeline's output topics from the start, as an operator's dashboard would. */
final class PipelineWatch implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    PipelineWatch(String bootstrapServers, List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "lesionsim-demo-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(topics);
    }

    /** Polls until {@code count} messages arrived on the given topics together; reports progress. */
    void awaitAll(int count, List<String> topics, Duration timeout, java.util.function.IntConsumer onProgress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seenNow = 0;
        while (seenNow < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(250)).forEach(seen::add);
            seenNow = (int) seen.stream().filter(r -> topics.contains(r.topic())).count();
            onProgress.accept(seenNow);
        }
        if (seenNow < count) {
            throw new IllegalStateException("only " + seenNow + " of " + count + " results on " + topics + " within " + timeout);
        }
    }

    /** One poll: the records that arrived since the last call (kept for {@link #seen} too). */
    List<ConsumerRecord<String, String>> poll(Duration timeout) {
        List<ConsumerRecord<String, String>> fresh = new ArrayList<>();
        consumer.poll(timeout).forEach(fresh::add);
        seen.addAll(fresh);
        return fresh;
    }

    long count(String topic) {
        return seen.stream().filter(r -> r.topic().equals(topic)).count();
    }

    List<ConsumerRecord<String, String>> seen(String topic) {
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        return seen.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
