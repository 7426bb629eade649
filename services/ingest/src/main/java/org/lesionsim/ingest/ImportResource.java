package org.lesionsim.ingest;

import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lesionsim.apiauth.ApiRoles;

/**
 * {@code POST /api/imports}: imports a folder in HAM10000's layout (metadata CSV + images, as the
 * data set is distributed) that the ingest service can read, keeping the requested classes.
 * Answers 202 with the import id and the number of cases; {@code GET /api/imports/{id}} reports
 * progress. Only folders under {@code lesionsim.ingest.import-roots} are readable. Needs an API key
 * with role {@code ingest} or {@code operator}; the importing key is the cases' submitter.
 */
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    FolderImports imports;

    @Inject
    SecurityIdentity identity;

    public record ImportRequest(String path, List<String> classes, Integer limit) {
    }

    @POST
    @RolesAllowed({ApiRoles.INGEST, ApiRoles.OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(ImportRequest request) {
        if (request == null || request.path() == null || request.path().isBlank()) {
            return CaseResource.problem(400, "missing-path", "body must be {\"path\": \"/data/HAM10000\", \"classes\": [\"nv\",\"mel\"]}");
        }
        try {
            FolderImports.Status status = imports.start(java.nio.file.Path.of(request.path()),
                    request.classes() == null || request.classes().isEmpty() ? List.of("nv", "mel") : request.classes(),
                    Optional.ofNullable(request.limit()), identity.getPrincipal().getName());
            return Response.accepted(status).build();
        } catch (FolderImports.ImportRefusedException e) {
            return CaseResource.problem(e.status(), e.error(), e.getMessage());
        }
    }

    @GET
    @RolesAllowed({ApiRoles.INGEST, ApiRoles.OPERATOR})
    @Path("/{id}")
    public Response status(@PathParam("id") UUID id) {
        return imports.status(id).map(s -> Response.ok(s).build())
                .orElseGet(() -> CaseResource.problem(404, "unknown-import", "no import " + id));
    }
}
