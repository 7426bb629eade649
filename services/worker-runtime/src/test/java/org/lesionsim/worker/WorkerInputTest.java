package org.lesionsim.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lesionsim.worker.DeadLetterReason.INVALID_KEY;
import static org.lesionsim.worker.DeadLetterReason.MALFORMED_EVENT;
import static org.lesionsim.worker.DeadLetterReason.ORIGINAL_MISSING;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.storage.S3Settings;

/** Input faults become reason codes (dead letters), never exceptions that would stop a worker on one bad message. */
class WorkerInputTest {

    @Test
    void decodesAnEventAndRefusesWhatIsNotOne() {
        ObjectRef ref = new ObjectRef("checkpoints/e1/config.json", "0".repeat(64), 1, "application/json");
        CheckpointPublished event = new CheckpointPublished(UUID.randomUUID(), Instant.EPOCH, UUID.randomUUID(), "e1",
                CheckpointPublished.Kind.encoder, 1, ref, Map.of("encoder", ref), "g");
        assertThat(WorkerInput.decode(EventCodec.toJson(event), CheckpointPublished.class)).isEqualTo(event);
        for (String payload : new String[] {null, "", "garbage", "{\"checkpointId\": 3}"}) {
            assertThatThrownBy(() -> WorkerInput.decode(payload, CheckpointPublished.class)).as(String.valueOf(payload))
                    .isInstanceOfSatisfying(RejectedInputException.class,
                            e -> assertThat(e.code()).isEqualTo(MALFORMED_EVENT.name()));
        }
    }

    /** A key outside the layout (here a HAM10000 image id) is refused before the store is even asked. */
    @Test
    void aKeyOutsideTheLayoutIsTheInputsFault() {
        ObjectStore unreachable = new ObjectStore(new S3Settings("http://127.0.0.1:9", "a", "b", "lesionsim", null));
        ObjectRef ref = new ObjectRef("cases/ISIC_0024421.jpg", "0".repeat(64), 1, "image/jpeg");
        assertThatThrownBy(() -> WorkerInput.read(unreachable, ref, ORIGINAL_MISSING))
                .isInstanceOfSatisfying(RejectedInputException.class,
                        e -> assertThat(e.code()).isEqualTo(INVALID_KEY.name()));
    }
}
