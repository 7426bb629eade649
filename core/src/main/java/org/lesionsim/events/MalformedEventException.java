package org.lesionsim.events;

/** A message that is not a valid lesionsim event: the reason names the field, never its patient data. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
