package org.lesionsim.console;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds {@link ConsoleView} from the broker: every lesionsim topic ({@code lesionsim.console.topics},
 * a pattern, so new {@code dead-letter.<worker>} topics join by themselves) read from the start
 * under a consumer group of its own per process start, committing nothing. That is what makes the
 * console stateless: a restart or a second replica reads the same log and folds the same view.
 * {@link #caughtUp()} turns true once every partition assigned at start has been read up to the end
 * offset it had then; readiness waits for it, so a replica never answers from a half-built view.
 */
@ApplicationScoped
public class TopicFollower {
    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    private final ConsoleView view = new ConsoleView();
    private final String bootstrapServers;
    private final Pattern topics;
    private volatile boolean caughtUp;
    private volatile String failure;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;
    /** partition -> its end offset when the console started; removed once read up to it. */
    private final Map<TopicPartition, Long> catchUpTargets = new HashMap<>();
    private boolean targetsKnown;
    /** partition -> the next offset to fold: a new consumer (after a rebalance or a lost broker) resumes there. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    public TopicFollower(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         @ConfigProperty(name = "lesionsim.console.topics") String topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = Pattern.compile(topics);
    }

    public ConsoleView view() {
        return view;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the follower is not following, or null. */
    public String failure() {
        return failure;
    }

    void start(@Observes StartupEvent ignored) {
        thread = new Thread(this::follow, "console-topic-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // A group of its own per consumer: every replica sees every partition, and no offsets are kept.
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "lesionsim-console-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // New topics (a worker's first dead letter) are found within this long.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p);
    }

    /**
     * Follows until shutdown. A broker that is down at start or goes away later is retried with
     * backoff (1 s doubling to 30 s; readiness DOWN with the reason meanwhile), and the fold resumes
     * where it was: the follower never stops for good while the process lives.
     */
    private void follow() {
        long backoffMs = 1000;
        while (running) {
            consumer = newConsumer();
            try {
                followWith(consumer);
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                failure = e.toString();
                LOG.errorf("the topic follower lost the broker, retrying in %d ms: %s", backoffMs, e.toString());
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
            if (!running) {
                break;
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoffMs = Math.min(backoffMs * 2, 30_000);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void followWith(KafkaConsumer<String, String> consumer) {
        if (!targetsKnown) {
            // What "caught up" means: the end offsets of every matching partition as the console starts.
            List<TopicPartition> existing = consumer.listTopics(Duration.ofSeconds(30)).entrySet().stream()
                    .filter(t -> topics.matcher(t.getKey()).matches())
                    .flatMap(t -> t.getValue().stream().map(i -> new TopicPartition(i.topic(), i.partition())))
                    .toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(existing);
            consumer.endOffsets(existing).forEach((tp, end) -> {
                if (end > begin.getOrDefault(tp, 0L)) {
                    catchUpTargets.put(tp, end);
                }
            });
            targetsKnown = true;
        }
        // The group commits nothing, so after a rebalance (the pattern finding a new topic, e.g. a worker's
        // first dead letter) a partition would restart from the earliest offset and be folded twice (events
        // per topic doubled, every change re-broadcast): each reassigned partition resumes where this consumer was.
        consumer.subscribe(topics, new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                for (TopicPartition tp : partitions) {
                    Long next = positions.get(tp);
                    if (next != null) {
                        consumer.seek(tp, next);
                    }
                }
            }
        });
        long started = System.nanoTime();
        while (running) {
            var records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<String, String> r : records) {
                if (r.value() != null) {
                    try {
                        view.apply(r.topic(), r.value());
                    } catch (RuntimeException e) { // a fold bug must not stop the view on one record
                        LOG.errorf(e, "record %s-%d@%d could not be folded", r.topic(), r.partition(), r.offset());
                    }
                }
                positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
            }
            if (!caughtUp) {
                Set<TopicPartition> assigned = consumer.assignment();
                catchUpTargets.entrySet().removeIf(e -> assigned.contains(e.getKey()) && consumer.position(e.getKey()) >= e.getValue());
                checkCaughtUp();
                if (caughtUp) {
                    LOG.infof("view built from the topics in %.1f s: %d cases, %d dead letters",
                            (System.nanoTime() - started) / 1e9, view.caseCount(), view.deadLetters().size());
                }
            }
            failure = null;
        }
    }

    private void checkCaughtUp() {
        if (catchUpTargets.isEmpty() && !caughtUp) {
            caughtUp = true;
        }
    }
}
