package org.lesionsim.storage;

/** The S3 server could not be reached or refused a request; the message names the operation and key. */
public class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
