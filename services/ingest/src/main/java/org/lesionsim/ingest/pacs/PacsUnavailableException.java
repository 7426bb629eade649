package org.lesionsim.ingest.pacs;

/**
 * The PACS did not answer usefully: refused connection, timeout, or a 5xx. Nothing is wrong with
 * any instance; the follower backs off and tries again.
 */
public class PacsUnavailableException extends RuntimeException {
    public PacsUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
