package org.lesionsim.imaging;

/**
 * An input rejected for a {@link RejectionReason}. The message is the detail for the dead letter:
 * it says what was wrong with the bytes, never whose image it is.
 */
public class ImageRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public ImageRejectedException(RejectionReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public ImageRejectedException(RejectionReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
