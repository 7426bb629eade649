package org.lesionsim.worker;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The object store seen from this worker: while an event cannot be handled because the store is
 * unreachable ({@link org.lesionsim.storage.ObjectStoreUnavailableException}), readiness says DOWN
 * with the reason and {@link DeadLetterPublisher#processThenAck} retries the event with
 * exponential backoff, nothing acknowledged; the first success turns it UP again. An outage longer
 * than {@code lesionsim.worker.store-outage.give-up-after} fails the event as before (the channel
 * stops, liveness reports it, the orchestrator restarts the worker), so no event waits unbounded.
 */
@Readiness
@ApplicationScoped
public class StoreOutage implements HealthCheck {
    public static final String NAME = "lesionsim-object-store";

    @ConfigProperty(name = "lesionsim.worker.store-outage.initial-backoff", defaultValue = "PT0.5S")
    Duration initialBackoff;

    @ConfigProperty(name = "lesionsim.worker.store-outage.max-backoff", defaultValue = "PT8S")
    Duration maxBackoff;

    /** Below SmallRye's throttled-commit limit for an unacknowledged record (60 s), which would fail the channel first. */
    @ConfigProperty(name = "lesionsim.worker.store-outage.give-up-after", defaultValue = "PT50S")
    Duration giveUpAfter;

    private volatile Instant since;
    private volatile String reason;

    void down(String why) {
        if (since == null) {
            since = Instant.now();
        }
        reason = why;
    }

    void up() {
        since = null;
        reason = null;
    }

    /** The wait after failed attempt {@code attempt} (1, 2, ...): initial × 2^(attempt-1), at most {@code maxBackoff}. */
    Duration backoff(int attempt) {
        return new Backoff(initialBackoff, maxBackoff, 0).ceiling(attempt + 1);
    }

    Duration giveUpAfter() {
        return giveUpAfter;
    }

    @Override
    public HealthCheckResponse call() {
        Instant s = since;
        if (s == null) {
            return HealthCheckResponse.named(NAME).up().build();
        }
        return HealthCheckResponse.named(NAME).down().withData("reason", "object store unreachable since " + s + ": " + reason)
                .build();
    }
}
