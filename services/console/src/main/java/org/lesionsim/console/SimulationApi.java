package org.lesionsim.console;

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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lesionsim.apiauth.ApiKeyProblems;
import org.lesionsim.apiauth.ApiRoles;
import org.lesionsim.events.SimulationRequested;
import org.lesionsim.progression.DirectionSpec;
import org.lesionsim.sefa.LayerSelection;

/** {@code POST /api/simulations}: a progression of one case along a chosen direction and α schedule, as a {@code jobs.simulate} event. */
@Path("/api/simulations")
@Tag(name = "simulations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.RESEARCHER, ApiRoles.OPERATOR})
public class SimulationApi {
    static final int MAX_ALPHAS = 64;
    static final double MAX_ABS_ALPHA = 100;

    @Inject
    TopicFollower follower;

    @Inject
    ResultViews views;

    @Inject
    JobPublisher jobs;

    /**
     * @param direction auto, ranked, supervised, shipped, sefa:k or sefa:layers:k
     * @param layers    the layer group (e.g. all, 0-3); default all
     * @param alphas    the α schedule, 1..64 finite values; with {@code schedule=calibrated} the walk taken when the
     *                  axis has no class statistics (default 0..5)
     * @param schedule  fixed (default: walk {@code alphas}) or calibrated (from the case's position on the axis to the
     *                  melanoma class centre plus the worker's margin, in σ units)
     * @param checkpointId the encoder checkpoint whose latents to walk; default the one that inverted the case
     */
    public record Request(UUID caseId, String direction, String layers, List<Double> alphas, String schedule, String checkpointId) {
    }

    static final List<Double> CALIBRATED_FALLBACK = List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);

    public record Accepted(UUID simulationId, UUID caseId, String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a simulation; 202 with its id, then follow it at GET /api/simulations/{id}")
    public Response request(Request body) {
        if (body == null || body.caseId() == null) {
            return ApiKeyProblems.problem(400, "missing-case", "caseId is required");
        }
        var c = follower.view().caseState(body.caseId());
        if (c.isEmpty()) {
            return ApiKeyProblems.problem(404, "no-such-case", "no case " + body.caseId());
        }
        if (c.get().inverted == null) {
            return ApiKeyProblems.problem(409, "not-inverted-yet", "case " + body.caseId() + " has no latents yet (state "
                    + c.get().state() + ")");
        }
        String direction = body.direction() == null ? "auto" : body.direction().trim();
        try {
            DirectionSpec.parse(direction);
        } catch (IllegalArgumentException e) {
            return ApiKeyProblems.problem(400, "invalid-direction", e.getMessage());
        }
        String layers = body.layers() == null ? "all" : body.layers().trim();
        try {
            LayerSelection.parse(layers);
        } catch (IllegalArgumentException e) {
            return ApiKeyProblems.problem(400, "invalid-layers", e.getMessage());
        }
        String schedule = body.schedule() == null ? SimulationRequested.FIXED : body.schedule();
        if (!schedule.equals(SimulationRequested.FIXED) && !schedule.equals(SimulationRequested.CALIBRATED)) {
            return ApiKeyProblems.problem(400, "invalid-schedule", "schedule is fixed or calibrated");
        }
        List<Double> alphas = body.alphas() == null && schedule.equals(SimulationRequested.CALIBRATED) ? CALIBRATED_FALLBACK
                : body.alphas();
        if (alphas == null || alphas.isEmpty() || alphas.size() > MAX_ALPHAS
                || alphas.stream().anyMatch(a -> a == null || !Double.isFinite(a) || Math.abs(a) > MAX_ABS_ALPHA)) {
            return ApiKeyProblems.problem(400, "invalid-alphas", "alphas must be 1.." + MAX_ALPHAS + " finite numbers within ±"
                    + MAX_ABS_ALPHA);
        }
        String checkpoint = body.checkpointId() != null ? body.checkpointId() : c.get().inverted.checkpointId();
        UUID id = UUID.randomUUID();
        jobs.publish(new SimulationRequested(UUID.randomUUID(), Instant.now(), id, checkpoint, body.caseId(), direction, alphas, layers,
                schedule));
        return Response.accepted(new Accepted(id, body.caseId(), "requested"))
                .header("Location", "/api/simulations/" + id).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A simulation: state, frames with P(mel) and realism, links, verdict")
    public Response get(@PathParam("id") String id) {
        UUID simulationId = CaseApi.parse(id);
        var s = simulationId == null ? java.util.Optional.<ConsoleView.SimulationState>empty() : follower.view().simulation(simulationId);
        if (s.isEmpty()) {
            return ApiKeyProblems.problem(404, "no-such-simulation", "no simulation " + id
                    + " (a simulation just requested appears once its request is read back from jobs.simulate)");
        }
        return Response.ok(views.simulation(s.get())).build();
    }
}
