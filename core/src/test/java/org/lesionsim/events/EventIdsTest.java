package org.lesionsim.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void isTheNameBasedUuidOfThePartsJoinedByBars() {
        UUID caseId = UUID.fromString("7c0e2b7e-4f4e-4b8a-9a57-3f1f8f0c2d11");
        assertThat(EventIds.of(EventType.IMAGE_PREPROCESSED, caseId, "ab12", "crop-pad-64"))
                .isEqualTo(UUID.nameUUIDFromBytes(("image.preprocessed|" + caseId + "|ab12|crop-pad-64")
                        .getBytes(StandardCharsets.UTF_8)));
        // numbers and lists print as string concatenation prints them, so ids made before stay the same
        assertThat(EventIds.of(EventType.TRAINING_PROGRESS, "job", "running", 3, 0.5))
                .isEqualTo(UUID.nameUUIDFromBytes("training.progress|job|running|3|0.5".getBytes(StandardCharsets.UTF_8)));
        assertThat(EventIds.derive("webhook", caseId, List.of(0.0, 1.5)))
                .isEqualTo(UUID.nameUUIDFromBytes(("webhook|" + caseId + "|[0.0, 1.5]").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void differsWhenAnyPartDiffers() {
        assertThat(EventIds.of(EventType.METRICS_SCORED, "a")).isNotEqualTo(EventIds.of(EventType.METRICS_SCORED, "b"))
                .isNotEqualTo(EventIds.of(EventType.SIMULATION_RENDERED, "a"));
    }
}
