package org.lesionsim.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator metrics of one worker, counted in one place for all of them:
 * {@link DeadLetterPublisher#processThenAck} counts every input event (processed, failed,
 * dead-lettered with its reason code, time taken), {@link WorkerModels} says which checkpoint
 * each model is served from. Names and tags: {@link MetricNames}; docs/DESIGN.md §7.
 *
 * <p>Tags are the worker, the input topic, the reason code, the model kind and the checkpoint id:
 * a bounded set each. A case id (or anything else about a patient) must never become a tag.
 */
@ApplicationScoped
public class WorkerMetrics {
    /** Timer buckets span 1 ms (a dead letter) to 10 min (a refined inversion on a busy CPU). */
    static final Duration MIN_EXPECTED = Duration.ofMillis(1);
    static final Duration MAX_EXPECTED = Duration.ofMinutes(10);

    private final MeterRegistry registry;
    private final String worker;
    private final MultiGauge modelInfo;
    private final Map<String, ModelInUse> inUseByModel = new TreeMap<>();

    private record ModelInUse(String checkpointId, String device) {
    }

    @Inject
    public WorkerMetrics(MeterRegistry registry, @ConfigProperty(name = "lesionsim.worker.name") String worker) {
        this.registry = registry;
        this.worker = worker;
        this.modelInfo = MultiGauge.builder(MetricNames.MODEL_INFO)
                .description("1 for the checkpoint each model of this worker is served from now")
                .register(registry);
    }

    /** The worker's output for an event from {@code topic} is durable; it took {@code elapsed}. */
    public void processed(String topic, Duration elapsed) {
        counter(MetricNames.PROCESSED, "input events whose output is durable", MetricNames.TAG_TOPIC, topic).increment();
        timer(topic).record(elapsed);
    }

    /** An event from {@code topic} failed other than by rejection (store or broker down): retried or a crash. */
    public void failed(String topic) {
        counter(MetricNames.FAILED, "attempts that failed and are retried (not the input's fault)",
                MetricNames.TAG_TOPIC, topic).increment();
    }

    /** An event was sent to the dead-letter topic with {@code reasonCode}. */
    public void deadLettered(String reasonCode) {
        counter(MetricNames.DEAD_LETTERS, "input sent to dead-letter.<worker>", MetricNames.TAG_REASON_CODE,
                reasonCode == null ? "UNKNOWN" : reasonCode).increment();
    }

    /** A dead-lettered event from {@code topic} completed in {@code elapsed}: timed, not counted as processed. */
    public void rejected(String topic, Duration elapsed) {
        timer(topic).record(elapsed);
    }

    /**
     * {@code model} (a checkpoint kind: encoder, generator) is now served from {@code checkpointId} on
     * {@code device} (the engine's name for it: {@code cpu()}, {@code gpu(0)}).
     */
    public synchronized void modelInUse(String model, String checkpointId, String device) {
        inUseByModel.put(model, new ModelInUse(checkpointId, device));
        modelInfo.register(inUseByModel.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of(MetricNames.TAG_WORKER, worker, MetricNames.TAG_MODEL, e.getKey(),
                        MetricNames.TAG_CHECKPOINT, e.getValue().checkpointId(), MetricNames.TAG_DEVICE, e.getValue().device()), 1))
                .toList(), true); // overwrite: the previous checkpoint's row goes
    }

    public synchronized Optional<String> checkpointInUse(String model) {
        return Optional.ofNullable(inUseByModel.get(model)).map(ModelInUse::checkpointId);
    }

    public String worker() {
        return worker;
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description)
                .tags(MetricNames.TAG_WORKER, worker, tag, value).register(registry);
    }

    private Timer timer(String topic) {
        return Timer.builder(MetricNames.PROCESSING)
                .description("time from an input event's delivery to the worker to its output (or dead letter) being durable")
                .tags(MetricNames.TAG_WORKER, worker, MetricNames.TAG_TOPIC, topic)
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN_EXPECTED)
                .maximumExpectedValue(MAX_EXPECTED)
                .register(registry);
    }
}
