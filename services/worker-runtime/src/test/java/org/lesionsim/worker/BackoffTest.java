package org.lesionsim.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), 0.5);

    @Test
    void waitsDoubleFromTheInitialWaitUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(backoff::ceiling).map(Duration::toMillis).toList())
                .containsExactly(0L, 500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L, 8000L);
        assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void jitterShortensAWaitByAtMostItsFraction() {
        assertThat(backoff.before(3, 0.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.before(3, 0.5)).isEqualTo(Duration.ofMillis(750));
        assertThat(backoff.before(3, 0.999_999).toMillis()).isEqualTo(500L);
        for (int attempt = 2; attempt < 12; attempt++) {
            for (double u = 0; u < 1; u += 0.01) {
                Duration wait = backoff.before(attempt, u);
                assertThat(wait).isLessThanOrEqualTo(backoff.ceiling(attempt))
                        .isGreaterThanOrEqualTo(backoff.ceiling(attempt).dividedBy(2));
            }
        }
        assertThat(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), 0).before(4, 0.9)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void nonsenseSchedulesAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
