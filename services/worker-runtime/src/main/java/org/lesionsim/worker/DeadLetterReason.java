package org.lesionsim.worker;

import org.lesionsim.events.ReasonCode;

/**
 * Why a worker dead-lettered an input, for every reason that is not the image's own (those are
 * {@code imaging.RejectionReason}) or the DICOM instance's ({@code dicom.DicomAcceptance.Reason}).
 * Each is the input's fault: retrying would fail the same way. Outages are never here.
 */
public enum DeadLetterReason implements ReasonCode {
    // the event itself
    /** Not JSON of the expected event, or a field outside its schema. */
    MALFORMED_EVENT,
    /** An object key outside the store's layout ({@code ObjectKeys} refuses it). */
    INVALID_KEY,
    /** The referenced object's bytes do not hash to the SHA-256 the event names. */
    CHECKSUM_MISMATCH,

    // an object the event points at is missing or unusable
    ORIGINAL_MISSING,
    IMAGE_MISSING,
    NOT_AN_IMAGE,
    LATENTS_MISSING,
    LATENTS_UNREADABLE,
    /** W+ of a shape the generator does not take. */
    LATENTS_SHAPE_MISMATCH,
    FRAME_MISSING,
    FRAME_UNREADABLE,
    FRAME_SIZE_MISMATCH,
    FRAME_COUNT_MISMATCH,
    INVALID_FRAME_KEY,
    NO_FRAMES,
    ARTEFACT_MISSING,
    SUBMISSION_MISSING,
    MALFORMED_SUBMISSION,

    // checkpoints and models
    UNKNOWN_CHECKPOINT,
    /** An encoder checkpoint whose generator was never published. */
    UNKNOWN_GENERATOR,
    CHECKPOINT_INCOMPLETE,
    CHECKPOINT_UNREADABLE,
    CONFIG_UNREADABLE,
    GENERATOR_MISSING,
    GENERATOR_UNREADABLE,

    // what a simulation asks for
    UNKNOWN_DIRECTION,
    /** No direction of the requested kind exists for this generator (yet). */
    DIRECTION_UNAVAILABLE,
    /** The direction exists but cannot be walked (zero norm, wrong width). */
    DIRECTION_UNUSABLE,
    INVALID_LAYERS,
    INVALID_ALPHAS,

    // what a training job asks for
    INVALID_PARAMETERS,
    INVALID_DATASET,
    DATASET_EMPTY,
    DATASET_UNREADABLE,
    /** The dataset's content hash differs from the run being resumed. */
    DATASET_CHANGED,
    RESUME_NOT_FOUND,
    UNSUPPORTED_STAGE,

    // the PACS follower
    /** The PACS answered an instance's metadata or frame with an error. */
    PACS_REFUSED,
    /** The instance's metadata contradicts the search result it came from. */
    MALFORMED_METADATA,

    // webhook deliveries
    /** The receiver refused the delivery with a 4xx other than 408/429. */
    WEBHOOK_REJECTED,
    /** No 2xx within the attempt and time limit. */
    WEBHOOK_UNREACHABLE
}
