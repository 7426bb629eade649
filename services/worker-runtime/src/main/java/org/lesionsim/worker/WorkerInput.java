package org.lesionsim.worker;

import static org.lesionsim.worker.DeadLetterReason.CHECKSUM_MISMATCH;
import static org.lesionsim.worker.DeadLetterReason.INVALID_KEY;
import static org.lesionsim.worker.DeadLetterReason.MALFORMED_EVENT;

import org.lesionsim.events.EventCodec;
import org.lesionsim.events.LesionEvent;
import org.lesionsim.events.MalformedEventException;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.storage.ChecksumMismatchException;
import org.lesionsim.storage.ObjectStore;

/**
 * The two ways every worker reads its input, each failure that is the input's fault turned into a
 * {@link RejectedInputException} with its reason code (a dead letter, and the worker moves on):
 * the event itself ({@code MALFORMED_EVENT}), and the objects it points at (missing: the caller's
 * code; {@code CHECKSUM_MISMATCH}; a key outside the store's layout: {@code INVALID_KEY}).
 * A store that is down is not the input's fault and stays an exception to retry on.
 */
public final class WorkerInput {
    private WorkerInput() {
    }

    /** The event in {@code payload} (null reads as empty, hence malformed). */
    public static <T extends LesionEvent> T decode(String payload, Class<T> type) {
        try {
            return EventCodec.fromJson(payload == null ? "" : payload, type);
        } catch (MalformedEventException e) {
            throw new RejectedInputException(MALFORMED_EVENT, e.getMessage(), e);
        }
    }

    /** The bytes {@code ref} names, checked against its SHA-256; {@code missingCode} when there is no such object. */
    public static byte[] read(ObjectStore store, ObjectRef ref, DeadLetterReason missingCode) {
        try {
            return store.getIfPresent(ref).orElseThrow(() -> new RejectedInputException(missingCode,
                    "no object at " + ref.key()));
        } catch (ChecksumMismatchException e) {
            throw new RejectedInputException(CHECKSUM_MISMATCH, e.getMessage(), e);
        } catch (IllegalArgumentException e) { // ObjectKeys refuses a key outside the layout
            throw new RejectedInputException(INVALID_KEY, e.getMessage(), e);
        }
    }
}
