package org.lesionsim.ingest.pacs;

import java.time.Instant;

/**
 * Whether the followed PACS answered its last search: what the readiness check reports.
 *
 * @param enabled    false when no PACS is configured (the check is then UP: nothing to wait for)
 * @param up         the last search was answered
 * @param reason     why not, when down (a status or an exception type; never a URL or a UID)
 * @param lastAnswer when the PACS last answered, or null
 * @param failures   polls failed in a row
 */
public record PacsReachability(String name, boolean enabled, boolean up, String reason, Instant lastAnswer, int failures) {
    static PacsReachability off() {
        return new PacsReachability("none", false, true, null, null, 0);
    }

    static PacsReachability notYetPolled(String name) {
        return new PacsReachability(name, true, true, null, null, 0);
    }

    static PacsReachability up(String name, Instant at) {
        return new PacsReachability(name, true, true, null, at, 0);
    }

    static PacsReachability down(String name, String reason, Instant lastAnswer, int failures) {
        return new PacsReachability(name, true, false, reason, lastAnswer, failures);
    }
}
