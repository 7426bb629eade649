package org.lesionsim.worker;

import org.lesionsim.events.ReasonCode;

/**
 * Input a worker will never be able to process (bad image, malformed event, missing object):
 * it goes to the dead-letter topic with {@code code} and {@code reason}, and the worker moves on.
 * Anything else that fails (broker or store down) is retried, never dead-lettered.
 */
public class RejectedInputException extends RuntimeException {
    private final ReasonCode code;

    public RejectedInputException(ReasonCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public RejectedInputException(ReasonCode code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    /** The dead letter's reason code. */
    public String code() {
        return code.name();
    }
}
