package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** An original was decoded, oriented, stripped of metadata, squared and resized to a PNG. */
public record ImagePreprocessed(
        UUID eventId,
        Instant time,
        UUID caseId,
        String checkpointId,
        UUID causationId,
        ObjectRef original,
        ObjectRef image,
        int resolution,
        String preprocessing,
        int sourceWidth,
        int sourceHeight,
        int exifOrientation,
        Diagnosis diagnosis) implements LesionEvent {

    public ImagePreprocessed {
        present(eventId, "eventId");
        present(time, "time");
        present(caseId, "caseId");
        present(causationId, "causationId");
        present(original, "original");
        present(image, "image");
        present(preprocessing, "preprocessing");
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
