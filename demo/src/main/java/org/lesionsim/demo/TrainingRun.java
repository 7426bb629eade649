package org.lesionsim.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.events.TrainingRequested;
import org.lesionsim.storage.ObjectKeys;

/**
 * Training from scratch, the demo's option: a {@code training requested} job for the trainer worker
 * on the images the pipeline just preprocessed (cpu preset, 64x64, x-flips), followed until it
 * completes; its last checkpoint's sample grid lands in {@code results/training/}.
 */
record TrainingRun(UUID jobId, double kimg, double seconds, List<CheckpointPublished> checkpoints, Path samples,
                   TrainingProgress last) {

    static TrainingRun run(DemoStack stack, PipelineWatch watch, String preprocessing, double kimg, Path results)
            throws IOException {
        UUID jobId = UUID.randomUUID();
        double tick = Math.max(0.05, kimg / 4);
        TrainingRequested job = new TrainingRequested(UUID.randomUUID(), Instant.now(), jobId, null,
                TrainingRequested.Stage.generator, ObjectKeys.preprocessedPrefix(preprocessing), "cpu",
                Map.of("resolution", 64, "mirror", true, "tick", tick, "snap", 1), kimg, 0, null);
        Demo.step("training a generator from scratch with the trainer worker: " + kimg + " kimg (job " + jobId + ")");
        long t0 = System.nanoTime();
        stack.publish(job);
        ProgressBar bar = new ProgressBar("kimg x1000", (int) Math.round(kimg * 1000));
        TrainingProgress last = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).plusSeconds((long) (kimg * 600)).toNanos();
        while (System.nanoTime() < deadline) {
            List<TrainingProgress> mine = watch.seen("training.progress").stream()
                    .map(r -> EventCodec.fromJson(r.value(), TrainingProgress.class))
                    .filter(p -> p.jobId().equals(jobId)).toList();
            if (!mine.isEmpty()) {
                last = mine.get(mine.size() - 1);
                bar.update((int) Math.round(last.kimg() * 1000));
                if (last.status() == TrainingProgress.Status.completed || last.status() == TrainingProgress.Status.failed) {
                    break;
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while training", e);
            }
        }
        bar.finish();
        if (last == null || last.status() != TrainingProgress.Status.completed) {
            throw new IllegalStateException("the training job did not complete: "
                    + (last == null ? "no progress reported" : last.status() + " " + last.message()));
        }
        List<CheckpointPublished> checkpoints = watch.seen("checkpoints.published").stream()
                .map(r -> EventCodec.fromJson(r.value(), CheckpointPublished.class))
                .filter(c -> jobId.equals(c.jobId())).toList();
        Path samples = Files.createDirectories(results.resolve("training")).resolve("samples.png");
        Files.write(samples, stack.store().get(checkpoints.get(checkpoints.size() - 1).artefacts().get("samples")));
        return new TrainingRun(jobId, kimg, (System.nanoTime() - t0) / 1e9, checkpoints, samples, last);
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "  trained from scratch     %.3f kimg in %.0f s (%.0f s/kimg), %d checkpoints, last %s%n", kimg,
                seconds, seconds / kimg, checkpoints.size(), checkpoints.get(checkpoints.size() - 1).checkpointId());
        out.println("  its sample grid          " + samples);
    }
}
