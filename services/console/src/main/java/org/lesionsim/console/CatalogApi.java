package org.lesionsim.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lesionsim.apiauth.ApiRoles;
import org.lesionsim.storage.ObjectStore;

/** {@code GET /api/checkpoints} and {@code GET /api/directions}: the models and directions the workers announced. */
@Path("/api")
@Tag(name = "models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.RESEARCHER, ApiRoles.OPERATOR})
public class CatalogApi {
    @Inject
    TopicFollower follower;

    @Inject
    ObjectStore store;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(String checkpointId, String kind, double kimg, UUID jobId, String generatorCheckpointId, Instant published,
                             List<String> artefacts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Directions(String checkpointId, String method, String layers, int count, List<Double> topEigenvalues, Instant computed,
                             JsonNode ranking) {
    }

    @GET
    @Path("/checkpoints")
    @Operation(summary = "Every published checkpoint (generators and encoders), oldest first")
    public List<Checkpoint> checkpoints() {
        return follower.view().checkpoints().stream().map(c -> new Checkpoint(c.checkpointId(), c.kind().name(), c.kimg(), c.jobId(),
                c.generatorCheckpointId(), c.time(), List.copyOf(c.artefacts().keySet()))).toList();
    }

    @GET
    @Path("/directions")
    @Operation(summary = "Every computed direction set, with its ranking (AUC and effect size per direction, and whether in-sample "
            + "or cross-validated, as the ranking file says)")
    public List<Directions> directions() {
        return follower.view().directions().stream().map(d -> new Directions(d.checkpointId(), d.method().name(), d.layers(),
                d.count(), d.topEigenvalues(), d.time(), d.ranking() == null ? null
                        : store.getIfPresent(d.ranking()).map(ResultViews::json).orElse(null))).toList();
    }
}
