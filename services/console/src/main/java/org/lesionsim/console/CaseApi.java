package org.lesionsim.console;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lesionsim.apiauth.ApiKeyProblems;
import org.lesionsim.apiauth.ApiRoles;

/** {@code GET /api/cases} and {@code GET /api/cases/{id}}: where each case is and links to what it produced. */
@Path("/api/cases")
@Tag(name = "cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.INGEST, ApiRoles.RESEARCHER, ApiRoles.OPERATOR})
public class CaseApi {
    static final int MAX_PAGE_SIZE = 500;
    private static final Set<String> STATES = Set.of("received", "preprocessed", "inverted", "rendered", "scored",
            ConsoleView.DEAD_LETTERED);

    @Inject
    TopicFollower follower;

    @Inject
    ResultViews views;

    @Inject
    Caller caller;

    public record Page<T>(int page, int size, int total, List<T> items) {
    }

    @GET
    @Operation(summary = "Cases, newest first; an ingest key sees only its own",
            description = "Filters: diagnosis (nv, mel, ...), state (received, preprocessed, inverted, rendered, scored, dead-lettered), "
                    + "since/until (ISO-8601 instants, on the time the case was received).")
    public Response list(@QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("diagnosis") String diagnosis,
                         @QueryParam("state") String state, @QueryParam("since") String since, @QueryParam("until") String until) {
        int p = page == null ? 0 : page;
        int n = size == null ? 50 : size;
        if (p < 0 || n < 1 || n > MAX_PAGE_SIZE) {
            return ApiKeyProblems.problem(400, "invalid-page", "page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
        if (state != null && !STATES.contains(state)) {
            return ApiKeyProblems.problem(400, "invalid-state", "state must be one of " + STATES);
        }
        Instant from;
        Instant to;
        try {
            from = since == null ? null : Instant.parse(since);
            to = until == null ? null : Instant.parse(until);
        } catch (DateTimeParseException e) {
            return ApiKeyProblems.problem(400, "invalid-date", "since and until are ISO-8601 instants, e.g. 2026-12-01T00:00:00Z: "
                    + e.getParsedString());
        }
        String dx = diagnosis == null ? null : diagnosis.trim().toLowerCase(Locale.ROOT);
        Predicate<ConsoleView.CaseState> filter = caller::maySee;
        filter = filter.and(c -> dx == null || (c.diagnosis() != null && c.diagnosis().code().equals(dx)))
                .and(c -> state == null || c.state().equals(state))
                .and(c -> from == null || (c.receivedTime() != null && !c.receivedTime().isBefore(from)))
                .and(c -> to == null || (c.receivedTime() != null && c.receivedTime().isBefore(to)));
        ConsoleView view = follower.view();
        List<ConsoleView.CaseState> all = view.cases(filter);
        List<ResultViews.CaseSummary> items = all.stream().skip((long) p * n).limit(n).map(c -> views.summary(c, view)).toList();
        return Response.ok(new Page<>(p, n, all.size(), items)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One case: its state, the checkpoints used, presigned links to every output, its simulations")
    public Response get(@PathParam("id") String id) {
        UUID caseId = parse(id);
        ConsoleView view = follower.view();
        var c = caseId == null ? java.util.Optional.<ConsoleView.CaseState>empty() : view.caseState(caseId).filter(caller::maySee);
        if (c.isEmpty()) {
            return ApiKeyProblems.problem(404, "no-such-case", "no case " + id + " for this API key");
        }
        return Response.ok(views.detail(c.get(), view, caller.maySeeClinical(c.get()))).build();
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
