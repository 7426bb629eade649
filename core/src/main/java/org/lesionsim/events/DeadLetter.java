package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * An input a worker rejected: a reason code, a reason a person can act on, and the original
 * message exactly as received, so it can be fixed and replayed.
 */
public record DeadLetter(
        UUID eventId,
        Instant time,
        String sourceTopic,
        String worker,
        String reasonCode,
        String reason,
        String originalKey,
        String originalEvent) implements LesionEvent {

    public DeadLetter {
        present(eventId, "eventId");
        present(time, "time");
        present(sourceTopic, "sourceTopic");
        present(worker, "worker");
        present(reasonCode, "reasonCode");
        present(reason, "reason");
        present(originalEvent, "originalEvent");
    }

    @Override
    public String partitionKey() {
        return originalKey != null ? originalKey : eventId.toString();
    }
}
