package org.lesionsim.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lesionsim.worker.DeadLetterReason.FRAME_UNREADABLE;
import static org.lesionsim.worker.DeadLetterReason.MALFORMED_EVENT;
import static org.lesionsim.worker.DeadLetterReason.NOT_AN_IMAGE;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import ai.djl.Device;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.events.CheckpointPublished;

/**
 * {@link DeadLetterPublisher#processThenAck} counts every event once, by how it ended; the model gauge
 * follows the served checkpoint; readiness waits for it; and the names are the ones in {@link MetricNames}.
 */
class WorkerMetricsTest {
    /** Built directly: resolving it would load the engine, which these tests do not need. */
    private static final ComputeDevice CPU = new ComputeDevice("cpu", Device.cpu());

    static final String TOPIC = "cases.received";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final WorkerMetrics metrics = new WorkerMetrics(registry, "preprocess");
    @SuppressWarnings("unchecked")
    final MutinyEmitter<String> deadLetterTopic = mock(MutinyEmitter.class);

    DeadLetterPublisher publisher(MeterRegistry registry) {
        DeadLetterPublisher p = new DeadLetterPublisher();
        p.deadLetters = deadLetterTopic;
        p.publisher = new EventPublisher("preprocess");
        p.worker = "preprocess";
        p.metrics = registry == this.registry ? metrics : new WorkerMetrics(registry, "preprocess");
        p.outage = outage;
        return p;
    }

    final StoreOutage outage = new StoreOutage();

    {
        outage.initialBackoff = java.time.Duration.ofMillis(5);
        outage.maxBackoff = java.time.Duration.ofMillis(20);
        outage.giveUpAfter = java.time.Duration.ofSeconds(5);
    }

    @Test
    void anUnreachableStoreIsRetriedWithBackoffReadinessDownMeanwhileAndTheEventProcessedOnceItIsBack() {
        DeadLetterPublisher p = publisher(registry);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        List<HealthCheckResponse.Status> seen = new java.util.ArrayList<>();
        p.processThenAck(Message.of("{}"), TOPIC, () -> {
            seen.add(outage.call().getStatus());
            if (attempts.incrementAndGet() <= 3) {
                throw new org.lesionsim.storage.ObjectStoreUnavailableException("store down", new java.net.ConnectException("refused"));
            }
        });
        assertThat(attempts.get()).isEqualTo(4);
        assertThat(seen).containsExactly(HealthCheckResponse.Status.UP, HealthCheckResponse.Status.DOWN,
                HealthCheckResponse.Status.DOWN, HealthCheckResponse.Status.DOWN);
        assertThat(outage.call().getStatus()).as("up again after the first success").isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(count(MetricNames.PROCESSED, "topic", TOPIC)).isEqualTo(1);
        assertThat(count(MetricNames.FAILED, "topic", TOPIC)).as("each failed attempt").isEqualTo(3);
        assertThat(outage.backoff(1).toMillis()).isEqualTo(5);
        assertThat(outage.backoff(3).toMillis()).isEqualTo(20);
        assertThat(outage.backoff(40).toMillis()).as("capped").isEqualTo(20);
    }

    @Test
    void aStoreThatStaysDownFailsTheEventAfterTheGiveUpTimeUnacknowledged() {
        outage.giveUpAfter = java.time.Duration.ofMillis(100);
        DeadLetterPublisher p = publisher(registry);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> p.processThenAck(Message.of("{}"), TOPIC, () -> {
            throw new org.lesionsim.storage.ObjectStoreUnavailableException("store down", null);
        })).isInstanceOf(org.lesionsim.storage.ObjectStoreUnavailableException.class);
        assertThat((System.nanoTime() - t0) / 1e6).isBetween(100.0, 5000.0);
        assertThat(outage.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(count(MetricNames.PROCESSED, "topic", TOPIC)).isZero();
    }

    double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void processedFailedAndDeadLetteredAreCountedOnceEachAndCompletedEventsAreTimed() {
        DeadLetterPublisher p = publisher(registry);
        p.processThenAck(Message.of("{}"), TOPIC, () -> { });
        p.processThenAck(Message.of("{}"), TOPIC, () -> { });
        p.processThenAck(Message.of("{}"), TOPIC, () -> {
            throw new RejectedInputException(NOT_AN_IMAGE, "not an image");
        });
        assertThatThrownBy(() -> p.processThenAck(Message.of("{}"), TOPIC, () -> {
            throw new UncheckedIOException(new java.io.IOException("store down"));
        })).isInstanceOf(UncheckedIOException.class);

        assertThat(count(MetricNames.PROCESSED, "worker", "preprocess", "topic", TOPIC)).isEqualTo(2);
        assertThat(count(MetricNames.DEAD_LETTERS, "worker", "preprocess", "reason_code", "NOT_AN_IMAGE")).isEqualTo(1);
        assertThat(count(MetricNames.FAILED, "worker", "preprocess", "topic", TOPIC)).isEqualTo(1);
        Timer timer = registry.find(MetricNames.PROCESSING).tags("worker", "preprocess", "topic", TOPIC).timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).as("processed and dead-lettered events are timed, failed attempts not").isEqualTo(3);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        verify(deadLetterTopic).sendMessageAndAwait(any());
    }

    @Test
    void aDeadLetterThatCouldNotBePublishedIsAFailureNotADeadLetter() {
        DeadLetterPublisher p = publisher(registry);
        doThrow(new IllegalStateException("broker down")).when(deadLetterTopic).sendMessageAndAwait(any());
        assertThatThrownBy(() -> p.processThenAck(Message.of("{}"), TOPIC, () -> {
            throw new RejectedInputException(MALFORMED_EVENT, "bad");
        })).hasMessage("broker down");
        assertThat(count(MetricNames.DEAD_LETTERS, "reason_code", "MALFORMED_EVENT")).isZero();
        assertThat(count(MetricNames.FAILED, "topic", TOPIC)).isEqualTo(1);
        assertThat(count(MetricNames.PROCESSED, "topic", TOPIC)).isZero();
    }

    @Test
    void theModelGaugeNamesOnlyTheCheckpointServedNowAndReadinessWaitsForIt() {
        WorkerModels models = new WorkerModels(metrics);
        ModelReadiness readiness = new ModelReadiness();
        readiness.models = models;
        assertThat(readiness.call().getStatus()).as("a worker without a model").isEqualTo(HealthCheckResponse.Status.UP);

        LiveModel<LiveModelTest.Model> live = models.track("encoder",
                new LiveModel<>(CheckpointPublished.Kind.encoder, (c, d) -> new LiveModelTest.Model()), CPU);
        HealthCheckResponse before = readiness.call();
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(before.getName()).isEqualTo(ModelReadiness.NAME);
        assertThat(before.getData().orElseThrow()).containsEntry("encoder", "no encoder checkpoint loaded yet");
        assertThat(registry.find(MetricNames.MODEL_INFO).gauges()).isEmpty();

        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        live.swap(new LiveModel.Loaded<>(LiveModelTest.checkpoint("enc-1", t), new LiveModelTest.Model()));
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(registry.find(MetricNames.MODEL_INFO).tags("checkpoint", "enc-1", "model", "encoder", "worker", "preprocess")
                .gauge().value()).isEqualTo(1);

        live.swap(new LiveModel.Loaded<>(LiveModelTest.checkpoint("enc-2", t.plusSeconds(60)), new LiveModelTest.Model()));
        assertThat(registry.find(MetricNames.MODEL_INFO).gauges()).singleElement()
                .satisfies(g -> assertThat(g.getId().getTag("checkpoint")).isEqualTo("enc-2"));
        assertThat(readiness.call().getData().orElseThrow()).containsEntry("encoder", "enc-2");
    }

    @Test
    void prometheusShowsEveryLesionsimNameInMetricNames() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DeadLetterPublisher p = publisher(prometheus);
        p.processThenAck(Message.of("{}"), TOPIC, () -> { });
        p.processThenAck(Message.of("{}"), TOPIC, () -> {
            throw new RejectedInputException(FRAME_UNREADABLE, "cut short");
        });
        assertThatThrownBy(() -> p.processThenAck(Message.of("{}"), TOPIC, () -> {
            throw new IllegalStateException("no encoder checkpoint has been published");
        }));
        WorkerModels models = new WorkerModels(p.metrics);
        models.track("encoder", new LiveModel<>(CheckpointPublished.Kind.encoder, (c, d) -> new LiveModelTest.Model()), CPU)
                .swap(new LiveModel.Loaded<>(LiveModelTest.checkpoint("enc-1", Instant.now()), new LiveModelTest.Model()));

        String scrape = prometheus.scrape();
        for (String name : MetricNames.LESIONSIM) {
            assertThat(scrape).as(name).containsPattern("(?m)^" + name + "\\{");
        }
        assertThat(scrape).contains("lesionsim_dead_letters_total{reason_code=\"FRAME_UNREADABLE\",worker=\"preprocess\",} 1.0")
                .contains("lesionsim_model_info{checkpoint=\"enc-1\",device=\"cpu()\",model=\"encoder\",worker=\"preprocess\",} 1.0")
                .containsPattern("lesionsim_event_processing_seconds_bucket\\{topic=\"cases.received\",worker=\"preprocess\",le=\"[0-9.]+\",}");
    }
}
