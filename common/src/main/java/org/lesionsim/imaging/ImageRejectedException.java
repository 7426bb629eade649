package org.lesionsim.imaging;

/** An input rejected for a {@link RejectionReason}; the message says what was wrong, never whose image it is. */
public class ImageRejectedException extends RuntimeException {
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
