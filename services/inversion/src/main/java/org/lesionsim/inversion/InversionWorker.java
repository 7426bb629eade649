package org.lesionsim.inversion;

import static org.lesionsim.worker.DeadLetterReason.IMAGE_MISSING;
import static org.lesionsim.worker.DeadLetterReason.NOT_AN_IMAGE;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lesionsim.encoder.Inversion;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.imaging.Resampler;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.EventPublisher;
import org.lesionsim.worker.LiveModel;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;
import org.lesionsim.worker.WorkerModels;

/**
 * {@code image preprocessed} → e4e inversion (+ optional latent refinement) → W+ as {@code .npy}
 * (float32 [num_ws, w_dim]) and the reconstruction PNG in the store → {@code latents inverted},
 * stamped with the encoder checkpoint it used. The model follows {@code checkpoint published}
 * (kind encoder) on every replica and swaps without disturbing a case in flight.
 */
@ApplicationScoped
public class InversionWorker {
    static final String L2_SCALE = "mse on pixels scaled to [-1,1]"; // the schema fixes this wording
    private static final Logger LOG = Logger.getLogger(InversionWorker.class);

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    @Channel("latents-inverted")
    MutinyEmitter<String> inverted;

    @ConfigProperty(name = "lesionsim.inversion.refinement-steps")
    int refinementSteps;

    @ConfigProperty(name = "lesionsim.inversion.model-wait")
    Duration modelWait;

    @ConfigProperty(name = "lesionsim.inversion.cache-dir")
    Path cacheDir;

    /** Where the models load (lesionsim.device); read by the loaders below once injected. */
    @Inject
    ComputeDevice device;

    final LiveModel<InversionModel> model = new LiveModel<>(CheckpointPublished.Kind.encoder, InversionModel.ARTEFACTS,
            (checkpoint, dir) -> InversionModel.load(dir, device));

    @Inject
    WorkerModels models;

    /** Not ready, and no lesionsim_model_info, until an encoder checkpoint is loaded (docs/DESIGN.md §7). */
    @PostConstruct
    void trackModel() {
        models.track("encoder", model, device);
    }

    @Incoming("checkpoints")
    @Blocking("checkpoint-loader")
    public void onCheckpointPublished(String payload) {
        CheckpointPublished checkpoint;
        try {
            checkpoint = WorkerInput.decode(payload, CheckpointPublished.class);
        } catch (RejectedInputException e) {
            LOG.warnf("ignoring a malformed checkpoint event: %s", e.getMessage());
            return;
        }
        if (!checkpoint.artefacts().containsKey("encoder") || !checkpoint.artefacts().containsKey("generator_ema")) {
            return; // a generator checkpoint, or an encoder event without its generator: nothing to invert with
        }
        model.offer(checkpoint, store, cacheDir);
    }

    @Incoming("images-preprocessed")
    @Blocking(value = "inversion-pool", ordered = false)
    public CompletionStage<Void> onImagePreprocessed(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.IMAGE_PREPROCESSED.topic(), () -> {
            publisher.publish(inverted, invert(WorkerInput.decode(message.getPayload(), ImagePreprocessed.class)));
        });
    }

    LatentsInverted invert(ImagePreprocessed event) {
        BufferedImage image = readImage(event.image());
        return model.withModel(modelWait, loaded -> {
            int res = loaded.model().resolution;
            BufferedImage input = image.getWidth() == res && image.getHeight() == res ? image
                    : Resampler.resize(image, res, res);
            long start = System.nanoTime();
            Inversion.Result result = loaded.model().inversion.invert(GanPixels.toMinusOneToOne(input), refinementSteps);
            LOG.debugf("inverted in %.1f ms", (System.nanoTime() - start) / 1e6);
            String checkpointId = loaded.checkpointId();
            ObjectRef latents = store.put(ObjectKeys.latents(checkpointId, event.caseId()),
                    result.latent().toNpy(), "application/octet-stream");
            ObjectRef reconstruction = store.put(ObjectKeys.reconstruction(checkpointId, event.caseId()),
                    PngEncoder.encode(GanPixels.toImage(result.reconstruction(), res, res)), "image/png");
            UUID eventId = EventIds.of(EventType.LATENTS_INVERTED, event.caseId(), event.image().sha256(), checkpointId,
                    refinementSteps);
            return new LatentsInverted(eventId, Instant.now(), event.caseId(), checkpointId, event.eventId(), event.image(),
                    latents, reconstruction, result.numWs(), result.wDim(), result.reconstructionL2(), L2_SCALE,
                    result.refinementSteps(), event.diagnosis());
        });
    }

    private BufferedImage readImage(ObjectRef ref) {
        byte[] png = WorkerInput.read(store, ref, IMAGE_MISSING);
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new RejectedInputException(NOT_AN_IMAGE, "the preprocessed object is not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new RejectedInputException(NOT_AN_IMAGE, "the preprocessed object is not a readable image: " + e.getMessage(), e);
        }
    }
}
