package org.lesionsim.preprocess;

import static org.lesionsim.worker.DeadLetterReason.ORIGINAL_MISSING;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.imaging.ImagePreprocessor;
import org.lesionsim.imaging.ImageRejectedException;
import org.lesionsim.imaging.PreprocessedImage;
import org.lesionsim.imaging.PreprocessingConfig;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.EventPublisher;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;

/**
 * {@code case received} → decode, orient, strip metadata, square, resize → PNG in the store →
 * {@code image preprocessed}. Input that can never be processed goes to the dead-letter topic
 * with its reason; the worker then serves the next case.
 *
 * <p>The original is stored de-identified (no EXIF), so the orientation to apply is the event's
 * {@code exifOrientation}, read by ingest before stripping; an event without one (older events)
 * falls back to the EXIF in the bytes.
 *
 * <p>Idempotent: the output key and event id derive from the original's SHA-256 (and its event
 * orientation, when not upright) and the preprocessing fingerprint, so a redelivered case rewrites
 * nothing and re-announces the same event.
 */
@ApplicationScoped
public class PreprocessWorker {

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    PreprocessingConfig config;

    @Inject
    @Channel("images-preprocessed")
    MutinyEmitter<String> preprocessed;

    @Incoming("cases-received")
    @Blocking(value = "preprocess-pool", ordered = false)
    public CompletionStage<Void> onCaseReceived(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.CASE_RECEIVED.topic(), () -> {
            publisher.publish(preprocessed, preprocess(WorkerInput.decode(message.getPayload(), CaseReceived.class)));
        });
    }

    ImagePreprocessed preprocess(CaseReceived received) {
        String outputKey = ObjectKeys.preprocessed(config.fingerprint(), received.original().sha256(), received.exifOrientation());
        byte[] original = readOriginal(received.original());
        PreprocessedImage result;
        try {
            result = ImagePreprocessor.preprocess(original, config, received.exifOrientation());
        } catch (ImageRejectedException e) {
            throw new RejectedInputException(e.reason(), e.getMessage(), e);
        }
        // Content-addressed key and a deterministic encoder: a redelivery rewrites the same bytes
        // under the same key, so no second output can appear (and no stat round trip is needed).
        ObjectRef image = store.put(outputKey, result.png(), "image/png");
        UUID eventId = EventIds.of(EventType.IMAGE_PREPROCESSED, received.caseId(), received.original().sha256(),
                config.fingerprint());
        return new ImagePreprocessed(eventId, Instant.now(), received.caseId(), null, received.eventId(),
                received.original(), image, config.resolution(), config.fingerprint(),
                result.sourceWidth(), result.sourceHeight(), result.exifOrientation(), received.diagnosis());
    }

    private byte[] readOriginal(ObjectRef original) {
        return WorkerInput.read(store, original, ORIGINAL_MISSING);
    }
}
