package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * A case (one dermoscopy image) was accepted and its original stored. Age, sex and body site stay
 * in the store ({@code clinicalMetadata}), out of the event stream.
 *
 * <p>The stored original is de-identified at the edge (every metadata block removed, pixels
 * untouched), so {@code original.sha256} is that of the stripped bytes, and the EXIF orientation,
 * read before stripping, travels here as {@code exifOrientation} (null: upright). {@code submitter}
 * names the API key that sent the case (its id, never the key), so results can go back to it;
 * {@code dicom} carries the pseudonymous UIDs of a case that came from a PACS.
 */
public record CaseReceived(
        UUID eventId,
        Instant time,
        UUID caseId,
        String checkpointId,
        Source source,
        ObjectRef original,
        ObjectRef clinicalMetadata,
        Diagnosis diagnosis,
        UUID importId,
        Integer exifOrientation,
        String submitter,
        DicomPseudonyms dicom) implements LesionEvent {

    /**
     * How the case came in: an HTTP upload, a folder import, a synthetic case, or an instance
     * followed on a PACS over DICOMweb.
     */
    public enum Source {
        upload, @com.fasterxml.jackson.annotation.JsonProperty("import") imported, synthetic, pacs
    }

    /** A case without orientation, submitter or DICOM provenance (tests, synthetic cases). */
    public CaseReceived(UUID eventId, Instant time, UUID caseId, String checkpointId, Source source, ObjectRef original,
                        ObjectRef clinicalMetadata, Diagnosis diagnosis, UUID importId) {
        this(eventId, time, caseId, checkpointId, source, original, clinicalMetadata, diagnosis, importId, null, null, null);
    }

    public CaseReceived {
        present(eventId, "eventId");
        present(time, "time");
        present(caseId, "caseId");
        present(source, "source");
        present(original, "original");
        if (exifOrientation != null && (exifOrientation < 1 || exifOrientation > 8)) {
            throw new MalformedEventException("exifOrientation must be 1..8, got " + exifOrientation);
        }
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
