package org.lesionsim.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.ObjectRef;

/** A checkpoint swap never pulls a model from under a case in flight, and never goes backwards. */
class LiveModelTest {

    static final class Model implements AutoCloseable {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    static CheckpointPublished checkpoint(String id, Instant time) {
        ObjectRef ref = new ObjectRef("checkpoints/" + id + "/config.json", "0".repeat(64), 1, "application/json");
        return new CheckpointPublished(UUID.randomUUID(), time, UUID.randomUUID(), id, CheckpointPublished.Kind.encoder, 1,
                ref, Map.of("encoder", ref), "g");
    }

    @Test
    void aCaseInFlightFinishesOnItsModelWhichIsClosedAfterwards() throws Exception {
        LiveModel<Model> live = new LiveModel<>(CheckpointPublished.Kind.encoder, (c, d) -> new Model());
        Model first = new Model();
        Model second = new Model();
        live.swap(new LiveModel.Loaded<>(checkpoint("e1", Instant.ofEpochSecond(10)), first));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> inFlight = pool.submit(() -> live.withModel(Duration.ofSeconds(5), loaded -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(loaded.model().closed).as("model closed under a running case").isFalse();
                return loaded.checkpointId();
            }));
            started.await();
            assertThat(live.swap(new LiveModel.Loaded<>(checkpoint("e2", Instant.ofEpochSecond(20)), second))).isTrue();
            String now = live.withModel(Duration.ZERO, LiveModel.Loaded::checkpointId);
            assertThat(now).isEqualTo("e2");
            assertThat(first.closed).isFalse();
            release.countDown();
            assertThat(inFlight.get()).isEqualTo("e1");
            assertThat(first.closed).as("old model freed once its last case is done").isTrue();
            assertThat(second.closed).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOlderCheckpointIsIgnoredAndClosed() {
        LiveModel<Model> live = new LiveModel<>(CheckpointPublished.Kind.encoder, (c, d) -> new Model());
        live.swap(new LiveModel.Loaded<>(checkpoint("e2", Instant.ofEpochSecond(20)), new Model()));
        Model older = new Model();
        assertThat(live.swap(new LiveModel.Loaded<>(checkpoint("e1", Instant.ofEpochSecond(10)), older))).isFalse();
        assertThat(older.closed).isTrue();
        assertThat(live.checkpointId()).contains("e2");
    }

    @Test
    void withoutAnyCheckpointACaseWaitsThenFailsWithoutTouchingTheInput() {
        LiveModel<Model> live = new LiveModel<>(CheckpointPublished.Kind.encoder, (c, d) -> new Model());
        assertThatThrownBy(() -> live.withModel(Duration.ofMillis(50), LiveModel.Loaded::checkpointId)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no encoder checkpoint");
    }
}
