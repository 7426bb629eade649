package org.lesionsim.trainer;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventType;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.events.TrainingRequested;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.EventPublisher;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;

/**
 * {@code training requested} → a {@link TrainingJob}: {@code training progress} every tick and
 * {@code checkpoint published} at every snapshot. One job at a time per replica (a single-thread
 * pool; the next job waits in the topic). The job is acknowledged only when it has finished, so a
 * replica that dies mid-job hands it to the next one, which resumes from the job's last snapshot in
 * the store. A job with bad parameters is refused on the dead-letter topic and reported as failed.
 */
@ApplicationScoped
public class TrainerWorker {
    private static final Logger LOG = Logger.getLogger(TrainerWorker.class);

    @Inject
    ObjectStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    @Channel("training-progress")
    MutinyEmitter<String> progress;

    @Inject
    @Channel("checkpoints-published")
    MutinyEmitter<String> checkpoints;

    @Inject
    ComputeDevice device;

    /** Resolve the device at start: a trainer told to use a GPU it does not have refuses to start. */
    void onStart(@Observes StartupEvent event) {
        LOG.infof("trainer on %s", device.name());
    }

    @ConfigProperty(name = "lesionsim.trainer.work-dir")
    Path workDir;

    @Incoming("jobs-train")
    @Blocking(value = "trainer-pool", ordered = true)
    public CompletionStage<Void> onTrainingRequested(Message<String> message) {
        return deadLetters.processThenAck(message, EventType.TRAINING_REQUESTED.topic(), () -> {
            TrainingRequested job = WorkerInput.decode(message.getPayload(), TrainingRequested.class);
            try {
                run(job, new TrainingJob.Sink() {
                    @Override
                    public void progress(TrainingProgress event) {
                        publisher.publish(progress, event);
                    }

                    @Override
                    public void checkpoint(CheckpointPublished event) {
                        publisher.publish(checkpoints, event);
                    }
                });
            } catch (RejectedInputException rejected) {
                // the job's own record says why it failed; processThenAck then dead-letters the request
                publisher.publish(progress, new TrainingProgress(UUID.randomUUID(), Instant.now(), job.jobId(), null,
                        TrainingProgress.Status.failed, 0, 0, null, Map.of(), null, Map.of(),
                        rejected.code() + ": " + rejected.getMessage(), device.name()));
                throw rejected;
            }
        });
    }

    /** Runs one job to its end, reporting through {@code sink}; the Kafka path and tests share it. */
    public void run(TrainingRequested job, TrainingJob.Sink sink) {
        LOG.infof("training job %s: %s preset, %.3f kimg", job.jobId(), job.preset(), job.kimg());
        new TrainingJob(job, store, workDir.resolve("jobs").resolve(job.jobId().toString()), sink, device).run();
        LOG.infof("training job %s finished", job.jobId());
    }
}
