package org.lesionsim.worker;

import java.time.Duration;

/**
 * Exponential backoff with jitter: before attempt {@code n} (n ≥ 2) wait
 * {@code min(max, initial · 2^(n−2)) · (1 − jitter · u)}, u uniform in [0, 1). The jitter keeps
 * many deliveries that failed together (one sender down) from retrying in lock-step. One
 * implementation for every retry of the project: webhook deliveries, store outages, the PACS poll.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1]: " + jitter);
        }
    }

    /** The wait before {@code attempt} without jitter: 0 for the first, then initial, 2·initial, ... capped at max. */
    public Duration ceiling(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        long nanos = initial.toNanos();
        long cap = max.toNanos();
        for (int i = 0; i < attempt - 2 && nanos < cap; i++) {
            nanos = nanos > cap / 2 ? cap : 2 * nanos;
        }
        return Duration.ofNanos(Math.min(nanos, cap));
    }

    /** The wait before {@code attempt}, {@code u} in [0, 1) being the random draw. */
    public Duration before(int attempt, double u) {
        return Duration.ofNanos(Math.round(ceiling(attempt).toNanos() * (1 - jitter * u)));
    }
}
