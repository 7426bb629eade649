package org.lesionsim.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what the event is about, so that a redelivered input yields the same id
 * and a downstream consumer can drop the duplicate (at-least-once, idempotent outputs: docs/DESIGN.md
 * §1). The id is the name-based UUID of the parts joined by {@code |}, the first naming the kind.
 */
public final class EventIds {
    private EventIds() {
    }

    /** The id of an event of {@code type} about {@code parts} (its type name first). */
    public static UUID of(EventType type, Object... parts) {
        return derive(type.typeName(), parts);
    }

    /** The id of something other than an event record (a delivery, a job's subject) named {@code kind}. */
    public static UUID derive(String kind, Object... parts) {
        StringBuilder name = new StringBuilder(kind);
        for (Object part : parts) {
            name.append('|').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}
