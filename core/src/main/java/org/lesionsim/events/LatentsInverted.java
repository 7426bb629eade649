package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * An image was projected into W+ by the encoder of {@code checkpointId}. The reconstruction L2 is
 * the mean squared error on pixels scaled to [-1, 1].
 */
public record LatentsInverted(
        UUID eventId,
        Instant time,
        UUID caseId,
        String checkpointId,
        UUID causationId,
        ObjectRef image,
        ObjectRef latents,
        ObjectRef reconstruction,
        int numWs,
        int wDim,
        double reconstructionL2,
        String l2Scale,
        int refinementSteps,
        Diagnosis diagnosis) implements LesionEvent {

    public static final String L2_SCALE = "mse on pixels scaled to [-1,1]";

    public LatentsInverted {
        present(eventId, "eventId");
        present(time, "time");
        present(caseId, "caseId");
        present(checkpointId, "checkpointId");
        present(causationId, "causationId");
        present(image, "image");
        present(latents, "latents");
        present(reconstruction, "reconstruction");
        present(l2Scale, "l2Scale");
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
