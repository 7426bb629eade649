package org.lesionsim.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lesionsim.apiauth.ApiKeyProblems;
import org.lesionsim.apiauth.ApiRoles;
import org.lesionsim.events.TrainingRequested;
import org.lesionsim.gan.training.TrainingSpec;
import org.lesionsim.storage.ObjectKeys;

/** {@code POST /api/training-jobs} ({@code jobs.train}) and the jobs' progress: every tick, SWD/FID per checkpoint. */
@Path("/api/training-jobs")
@Tag(name = "training")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.RESEARCHER, ApiRoles.OPERATOR})
public class TrainingJobApi {
    @Inject
    TopicFollower follower;

    @Inject
    JobPublisher jobs;

    /** @param datasetPrefix store prefix of the training images (ending in /); @param resumeFrom a checkpoint id */
    public record Request(String datasetPrefix, Double kimg, String preset, Long seed, Map<String, Object> overrides, String stage,
                          String resumeFrom) {
    }

    public record Accepted(UUID jobId, String status) {
    }

    public record Tick(int tick, double kimg, Double secondsPerKimg, Map<String, Double> losses, Double augmentP, String status,
                       Instant time) {
    }

    public record CheckpointMetrics(String checkpointId, Double kimg, Map<String, Double> metrics) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Job(UUID jobId, String state, Instant requested, String preset, Double kimgTarget, String datasetPrefix,
                      Double kimg, List<Tick> ticks, List<CheckpointMetrics> checkpoints, String message,
                      ResultViews.DeadLetterSummary deadLetter) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a generator training job; 202 with its id")
    public Response request(Request body) {
        if (body == null || body.datasetPrefix() == null || body.kimg() == null) {
            return ApiKeyProblems.problem(400, "missing-field", "datasetPrefix and kimg are required");
        }
        try {
            ObjectKeys.requireSafePrefix(body.datasetPrefix());
        } catch (IllegalArgumentException e) {
            return ApiKeyProblems.problem(400, "invalid-dataset", e.getMessage());
        }
        TrainingRequested.Stage stage;
        try {
            stage = body.stage() == null ? TrainingRequested.Stage.generator : TrainingRequested.Stage.valueOf(body.stage());
        } catch (IllegalArgumentException e) {
            return ApiKeyProblems.problem(400, "invalid-stage", "stage is generator or encoder");
        }
        String preset = body.preset() == null ? "cpu" : body.preset();
        Map<String, Object> overrides = body.overrides() == null ? Map.of() : body.overrides();
        long seed = body.seed() == null ? 0 : body.seed();
        try {
            TrainingSpec.of(preset, overrides, body.kimg(), seed); // the trainer's own validation, before anything is sent
        } catch (IllegalArgumentException e) {
            return ApiKeyProblems.problem(400, "invalid-parameters", e.getMessage());
        }
        UUID jobId = UUID.randomUUID();
        jobs.publish(new TrainingRequested(UUID.randomUUID(), Instant.now(), jobId, null, stage, body.datasetPrefix(), preset,
                overrides, body.kimg(), seed, body.resumeFrom()));
        return Response.accepted(new Accepted(jobId, "requested")).header("Location", "/api/training-jobs/" + jobId).build();
    }

    @GET
    @Operation(summary = "Every training job, newest first")
    public List<Job> list() {
        return follower.view().trainingJobs().stream().map(TrainingJobApi::job)
                .sorted(Comparator.comparing(Job::requested, Comparator.nullsLast(Comparator.reverseOrder()))).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One training job: every tick (kimg, s/kimg, losses, augment p) and SWD/FID per checkpoint")
    public Response get(@PathParam("id") String id) {
        UUID jobId = CaseApi.parse(id);
        var j = jobId == null ? java.util.Optional.<ConsoleView.TrainingJobState>empty() : follower.view().trainingJob(jobId);
        return j.map(s -> Response.ok(job(s)).build())
                .orElseGet(() -> ApiKeyProblems.problem(404, "no-such-training-job", "no training job " + id));
    }

    static Job job(ConsoleView.TrainingJobState s) {
        List<Tick> ticks = s.ticks.stream().map(t -> new Tick(t.tick(), t.kimg(), t.secondsPerKimg(), t.losses(), t.augmentP(),
                t.status().name(), t.time())).toList();
        List<CheckpointMetrics> checkpoints;
        synchronized (s.checkpoints) {
            checkpoints = s.checkpoints.values().stream().map(c -> new CheckpointMetrics(c.checkpointId, c.kimg, Map.copyOf(c.metrics)))
                    .toList();
        }
        TrainingRequested r = s.requested;
        Double kimg = s.ticks.isEmpty() ? null : s.ticks.get(s.ticks.size() - 1).kimg();
        return new Job(s.jobId, s.state(), r == null ? null : r.time(), r == null ? null : r.preset(), r == null ? null : r.kimg(),
                r == null ? null : r.datasetPrefix(), kimg, ticks, checkpoints, s.message, ResultViews.deadLetter(s.deadLetter));
    }
}
