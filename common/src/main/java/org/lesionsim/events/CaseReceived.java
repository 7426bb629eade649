package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * A case (one dermoscopy image) was accepted and its original stored. Age, sex and body site stay
 * in the store ({@code clinicalMetadata}), out of the event stream.
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
        UUID importId) implements LesionEvent {

    public enum Source {
        upload, @com.fasterxml.jackson.annotation.JsonProperty("import") imported, synthetic
    }

    public CaseReceived {
        present(eventId, "eventId");
        present(time, "time");
        present(caseId, "caseId");
        present(source, "source");
        present(original, "original");
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
