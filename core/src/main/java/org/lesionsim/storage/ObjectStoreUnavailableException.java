package org.lesionsim.storage;

/**
 * The store could not be reached or answered with a server error: a condition that passes (a
 * restart, a network blip), unlike a missing object or a checksum mismatch. Workers retry the event
 * with backoff instead of dead-lettering it; the HTTP APIs answer 503 with Retry-After.
 */
public class ObjectStoreUnavailableException extends ObjectStoreException {
    public ObjectStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
