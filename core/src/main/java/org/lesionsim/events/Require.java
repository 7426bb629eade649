package org.lesionsim.events;

/** Field checks shared by the event records: a missing required field is a malformed event. */
final class Require {
    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new MalformedEventException("missing required field '" + field + "'");
        }
        return value;
    }
}
