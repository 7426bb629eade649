package org.lesionsim.notifier;

import org.lesionsim.worker.Backoff;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code lesionsim.notifier.*}: where a webhook points its reader, and how long it keeps trying. */
@ConfigMapping(prefix = "lesionsim.notifier")
public interface NotifierSettings {
    /** The ingest API as senders reach it: the bundle link is {@code <this>/api/cases/{id}/bundle}. */
    String ingestPublicUrl();

    /** Validity of the presigned table and plot links. */
    Duration linkValidity();

    Duration initialBackoff();

    Duration maxBackoff();

    /** Fraction of each wait drawn at random (0: none, 1: anywhere from 0 to the full wait). */
    double jitter();

    int maxAttempts();

    /** From the first attempt; no attempt starts after it. */
    Duration maxTotalTime();

    Duration connectTimeout();

    Duration requestTimeout();

    default Backoff backoff() {
        return new Backoff(initialBackoff(), maxBackoff(), jitter());
    }
}
