package org.lesionsim.ingest.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An unreachable PACS is retried after 1, 2, 4 ... poll intervals, never further apart than the cap. */
class PacsBackoffTest {
    @Test
    void doublesPerFailedPollUpToTheCap() {
        Duration interval = Duration.ofSeconds(5);
        Duration cap = Duration.ofMinutes(5);
        assertThat(PacsFollower.backoff(1, interval, cap)).isEqualTo(Duration.ofSeconds(5));
        assertThat(PacsFollower.backoff(2, interval, cap)).isEqualTo(Duration.ofSeconds(10));
        assertThat(PacsFollower.backoff(4, interval, cap)).isEqualTo(Duration.ofSeconds(40));
        assertThat(PacsFollower.backoff(7, interval, cap)).isEqualTo(cap);
        assertThat(PacsFollower.backoff(10_000, interval, cap)).isEqualTo(cap);
    }
}
