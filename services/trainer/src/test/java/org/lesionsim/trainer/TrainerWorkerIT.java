package org.lesionsim.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.events.TrainingRequested;
import org.lesionsim.gan.Generator;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.Checksums;
import org.lesionsim.storage.ObjectStore;

/**
 * The trainer worker on the real broker and the real S3 server: a job trains, reports every tick,
 * publishes checkpoints whose objects exist with the stated checksums and load as generators; jobs
 * run one at a time; bad jobs are refused with their reason; a job interrupted after a checkpoint
 * resumes from it and ends bit-identical to an uninterrupted run.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class TrainerWorkerIT {
    /** A tiny StyleGAN2 (channels 8..32 at 32x32) so a job of 16 images takes seconds on 2 cores. */
    static final Map<String, Object> TINY = Map.of("resolution", 32, "batch", 4, "cbase", 256, "cmax", 32,
            "mbstd-group", 4, "tick", 0.008, "snap", 1);

    @Inject
    ObjectStore store;

    @Inject
    TrainerWorker worker;

    String dataset;

    @BeforeEach
    void uploadDataset() {
        dataset = "preprocessed/trainer-it-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        for (int i = 0; i < 12; i++) {
            store.put(dataset + String.format("%064x.png", i), PngEncoder.encode(LesionRenderer.render(i, i / 12.0, 32, 32).image()),
                    "image/png");
        }
    }

    TrainingRequested job(String prefix, String preset, Map<String, Object> overrides, double kimg) {
        return new TrainingRequested(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null,
                TrainingRequested.Stage.generator, prefix, preset, overrides, kimg, 3, null);
    }

    @Test
    void jobsTrainOneAtATimeAndPublishCheckpointsThatExistWithTheirChecksums() throws Exception {
        TrainingRequested first = job(dataset, "cpu", TINY, 0.016);
        TrainingRequested second = job(dataset, "cpu", TINY, 0.008);
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription progress = probe.subscribe("training.progress");
             TopicProbe.Subscription checkpoints = probe.subscribe("checkpoints.published")) {
            probe.send("jobs.train", first.partitionKey(), EventCodec.toJson(first));
            probe.send("jobs.train", second.partitionKey(), EventCodec.toJson(second));

            TrainingProgress firstDone = progressOf(progress.await(r -> isStatus(r, first, "completed"), Duration.ofMinutes(3)));
            TrainingProgress secondStarted = progressOf(progress.await(r -> isStatus(r, second, "running"), Duration.ofMinutes(3)));
            progress.await(r -> isStatus(r, second, "completed"), Duration.ofMinutes(3));
            assertThat(secondStarted.time()).as("the second job waits for the first").isAfterOrEqualTo(firstDone.time());
            assertThat(firstDone.kimg()).isEqualTo(0.016);

            List<TrainingProgress> ticks = progress.drain(Duration.ZERO).stream()
                    .filter(r -> r.key().equals(first.partitionKey())).map(TrainerWorkerIT::progressOf)
                    .filter(p -> p.tick() > 0).toList();
            assertThat(ticks).extracting(TrainingProgress::tick).containsExactly(1, 2);
            assertThat(ticks).allSatisfy(t -> {
                assertThat(t.losses()).containsKeys("loss_G", "loss_D");
                assertThat(t.secondsPerKimg()).isPositive();
                // This machine has no GPU: lesionsim.device=auto trains on the CPU and says so.
                assertThat(t.device()).isEqualTo("cpu()");
            });

            List<CheckpointPublished> published = new ArrayList<>();
            for (double kimg : new double[] {0.008, 0.016}) {
                ConsumerRecord<String, String> r = checkpoints.await(m -> m.value().contains(first.jobId().toString())
                        && EventCodec.fromJson(m.value(), CheckpointPublished.class).kimg() == kimg, Duration.ofMinutes(1));
                EventSchemas.assertValid(r.value());
                published.add(EventCodec.fromJson(r.value(), CheckpointPublished.class));
            }
            CheckpointPublished last = published.get(1);
            assertThat(last.checkpointId()).matches("g32-[0-9a-f]{8}-kimg0000\\.016");
            assertThat(last.artefacts()).containsKeys("generator_ema", "generator_ema_config", "generator",
                    "discriminator", "optimizer", "training_state", "samples");
            for (ObjectRef ref : last.artefacts().values()) {
                byte[] bytes = store.get(ref.key());
                assertThat(Checksums.sha256Hex(bytes)).as(ref.key()).isEqualTo(ref.sha256());
                assertThat((long) bytes.length).isEqualTo(ref.sizeBytes());
            }
            assertThat(new String(store.get(last.config()))).contains("\"datasetSha256\"", "\"generator\"", "\"training\"",
                    "\"device\" : \"cpu()\"");

            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "checkpoint");
            Files.write(dir.resolve("generator_ema.safetensors"), store.get(last.artefacts().get("generator_ema")));
            Files.write(dir.resolve("generator_ema.json"), store.get(last.artefacts().get("generator_ema_config")));
            try (NDManager manager = NDManager.newBaseManager()) {
                Generator g = Generator.load(dir.resolve("generator_ema.safetensors"), manager);
                assertThat(g.resolution()).isEqualTo(32);
            }
        }
    }

    @Test
    void badJobsAreRefusedWithTheirReasonAndTheWorkerGoesOn() {
        Map<String, TrainingRequested> bad = new LinkedHashMap<>();
        bad.put("INVALID_PARAMETERS", job(dataset, "turbo", TINY, 0.008));
        Map<String, Object> unknown = new LinkedHashMap<>(TINY);
        unknown.put("learning_rate", 1);
        bad.put("INVALID_PARAMETERS:override", job(dataset, "cpu", unknown, 0.008));
        bad.put("DATASET_EMPTY", job("preprocessed/nothing-here/", "cpu", TINY, 0.008));
        bad.put("INVALID_DATASET", job("../etc/", "cpu", TINY, 0.008));
        TrainingRequested good = job(dataset, "cpu", TINY, 0.008);
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription progress = probe.subscribe("training.progress");
             TopicProbe.Subscription dead = probe.subscribe("dead-letter.trainer")) {
            probe.send("jobs.train", "garbage", "{\"type\": \"training.requested\", not json");
            bad.values().forEach(j -> probe.send("jobs.train", j.partitionKey(), EventCodec.toJson(j)));
            probe.send("jobs.train", good.partitionKey(), EventCodec.toJson(good));

            DeadLetter malformed = EventCodec.fromJson(dead.await(r -> "garbage".equals(r.key()), Duration.ofMinutes(2)).value(),
                    DeadLetter.class);
            assertThat(malformed.reasonCode()).isEqualTo("MALFORMED_EVENT");
            bad.forEach((code, j) -> {
                ConsumerRecord<String, String> r = dead.await(m -> j.partitionKey().equals(m.key()), Duration.ofMinutes(2));
                EventSchemas.assertValid(r.value());
                DeadLetter letter = EventCodec.fromJson(r.value(), DeadLetter.class);
                assertThat(letter.reasonCode()).isEqualTo(code.split(":")[0]);
                assertThat(letter.reason()).isNotBlank();
                assertThat(letter.originalEvent()).isEqualTo(EventCodec.toJson(j));
                TrainingProgress failed = progressOf(progress.await(m -> isStatus(m, j, "failed"), Duration.ofMinutes(1)));
                assertThat(failed.message()).startsWith(letter.reasonCode());
            });
            assertThat(EventCodec.fromJson(dead.await(m -> m.key().equals(bad.get("INVALID_PARAMETERS:override").partitionKey()),
                    Duration.ofSeconds(1)).value(), DeadLetter.class).reason()).contains("learning_rate");
            progress.await(r -> isStatus(r, good, "completed"), Duration.ofMinutes(3));
        }
    }

    @Test
    void aJobInterruptedAfterACheckpointResumesFromItBitIdentically() {
        TrainingRequested job = job(dataset, "cpu", TINY, 0.016);
        List<CheckpointPublished> beforeCrash = new ArrayList<>();
        assertThatThrownBy(() -> worker.run(job, new Recorder(new ArrayList<>(), beforeCrash) {
            @Override
            public void checkpoint(CheckpointPublished event) {
                super.checkpoint(event);
                throw new IllegalStateException("simulated crash after the first checkpoint");
            }
        })).hasMessageContaining("simulated crash");
        assertThat(beforeCrash).hasSize(1);

        List<TrainingProgress> progress = new ArrayList<>();
        List<CheckpointPublished> afterRestart = new ArrayList<>();
        worker.run(job, new Recorder(progress, afterRestart));
        assertThat(progress.get(0).message()).isEqualTo("resumed from " + beforeCrash.get(0).checkpointId());
        assertThat(progress.get(0).kimg()).isEqualTo(0.008);
        assertThat(afterRestart).as("the checkpoint whose announcement may not have gone out is announced again, then the next")
                .extracting(CheckpointPublished::kimg).containsExactly(0.008, 0.016);
        assertThat(afterRestart.get(0).eventId()).isEqualTo(beforeCrash.get(0).eventId());

        List<CheckpointPublished> uninterrupted = new ArrayList<>();
        TrainingRequested same = new TrainingRequested(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null,
                job.stage(), job.datasetPrefix(), job.preset(), job.overrides(), job.kimg(), job.seed(), null);
        worker.run(same, new Recorder(new ArrayList<>(), uninterrupted));
        for (String artefact : List.of("generator_ema", "generator", "discriminator", "optimizer")) {
            assertThat(afterRestart.get(1).artefacts().get(artefact).sha256()).as(artefact)
                    .isEqualTo(uninterrupted.get(1).artefacts().get(artefact).sha256());
        }
    }

    static class Recorder implements TrainingJob.Sink {
        final List<TrainingProgress> progress;
        final List<CheckpointPublished> checkpoints;

        Recorder(List<TrainingProgress> progress, List<CheckpointPublished> checkpoints) {
            this.progress = progress;
            this.checkpoints = checkpoints;
        }

        @Override
        public void progress(TrainingProgress event) {
            progress.add(event);
        }

        @Override
        public void checkpoint(CheckpointPublished event) {
            checkpoints.add(event);
        }
    }

    static boolean isStatus(ConsumerRecord<String, String> r, TrainingRequested job, String status) {
        return job.partitionKey().equals(r.key()) && progressOf(r).status().name().equals(status);
    }

    static TrainingProgress progressOf(ConsumerRecord<String, String> r) {
        EventSchemas.assertValid(r.value());
        return EventCodec.fromJson(r.value(), TrainingProgress.class);
    }
}
