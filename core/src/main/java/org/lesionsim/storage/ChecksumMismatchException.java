package org.lesionsim.storage;

/** The bytes read back are not the bytes an event pointed at (corruption or an overwritten key). */
public class ChecksumMismatchException extends RuntimeException {
    public ChecksumMismatchException(String key, String expected, String actual) {
        super("object " + key + " has SHA-256 " + actual + " but the event recorded " + expected);
    }
}
