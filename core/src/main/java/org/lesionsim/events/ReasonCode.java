package org.lesionsim.events;

/**
 * A dead letter's {@code reasonCode}: a stable name an operator can count and filter by (renaming
 * one is a schema change). Implemented by enums: the workers' {@code DeadLetterReason}, the image
 * checks' {@code RejectionReason} and the DICOM checks' {@code DicomAcceptance.Reason}.
 */
public interface ReasonCode {
    String name();
}
