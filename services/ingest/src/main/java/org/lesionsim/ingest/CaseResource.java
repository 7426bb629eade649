package org.lesionsim.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.lesionsim.apiauth.ApiRoles;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.events.MalformedEventException;
import org.lesionsim.imaging.ImageFormat;
import org.lesionsim.imaging.ImageRejectedException;

/**
 * {@code POST /api/cases}: a hospital system or a person submits one dermoscopy image (multipart
 * part {@code image}) with optional JSON metadata (part {@code metadata}: diagnosis, ageYears,
 * sex, localization). Answers 202 with the case id once the original is stored (de-identified:
 * {@link CaseIntake}) and the event is on the broker; 4xx with the reason otherwise, 422 for a
 * JPEG/PNG whose container is broken. Needs an API key with role {@code ingest}; the key's id is
 * recorded as the case's submitter, who alone may fetch its results.
 */
@Path("/api/cases")
public class CaseResource {

    @Inject
    CaseIntake intake;

    @Inject
    SecurityIdentity identity;

    @Inject
    CaseBundle bundles;

    @ConfigProperty(name = "lesionsim.ingest.max-image-bytes", defaultValue = "26214400")
    long maxImageBytes;

    /** The metadata part as a submitter writes it; unknown fields are refused, all fields optional. */
    public record SubmittedMetadata(org.lesionsim.events.Diagnosis diagnosis, Integer ageYears, String sex, String localization) {
    }

    private static final com.fasterxml.jackson.databind.ObjectReader METADATA_READER =
            JsonMappers.mapper(JsonMappers.Layout.COMPACT, JsonMappers.Reading.NO_NULL_PRIMITIVES).readerFor(SubmittedMetadata.class);

    public record Accepted(String caseId, String eventId, String originalKey, String sha256) {
    }

    @POST
    @RolesAllowed(ApiRoles.INGEST)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@RestForm("image") FileUpload image, @RestForm("metadata") String metadata) throws IOException {
        if (image == null) {
            return problem(400, "missing-image", "multipart part 'image' is required");
        }
        long size = image.size();
        if (size == 0) {
            return problem(400, "empty-image", "the image part has zero bytes");
        }
        if (size > maxImageBytes) {
            return problem(413, "image-too-large", "image is " + size + " bytes; the limit is " + maxImageBytes);
        }
        byte[] bytes = Files.readAllBytes(image.uploadedFile());
        ImageFormat format;
        try {
            format = ImageFormat.sniff(bytes);
        } catch (ImageRejectedException e) {
            return problem(415, "unsupported-format", e.getMessage()
                    + " (only JPEG and PNG dermoscopy images are accepted, recognised by content, not file name)");
        }
        SubmittedMetadata clinical;
        try {
            clinical = metadata == null || metadata.isBlank() ? null : METADATA_READER.readValue(metadata);
        } catch (JsonProcessingException e) {
            return problem(400, "invalid-metadata", "metadata is not valid JSON for {diagnosis, ageYears, sex, localization}: "
                    + (e.getCause() instanceof MalformedEventException m ? m.getMessage() : e.getOriginalMessage()));
        }
        if (clinical != null && clinical.ageYears() != null && (clinical.ageYears() < 0 || clinical.ageYears() > 130)) {
            return problem(400, "invalid-metadata", "ageYears must be between 0 and 130");
        }
        CaseIntake.ClinicalMetadata stored = clinical == null ? null : new CaseIntake.ClinicalMetadata(
                clinical.diagnosis(), clinical.ageYears(), clinical.sex(), clinical.localization(), null);
        CaseReceived event;
        try {
            event = intake.accept(CaseIntake.Submission.of(bytes, format, stored, CaseReceived.Source.upload)
                    .withSubmitter(identity.getPrincipal().getName()));
        } catch (ImageRejectedException e) {
            return rejected(e);
        }
        return Response.accepted(new Accepted(event.caseId().toString(), event.eventId().toString(),
                event.original().key(), event.original().sha256())).build();
    }

    /**
     * A container that metadata removal could not walk (so the decoder would refuse it too): 415
     * when it is no format we take, 422 when it is a JPEG/PNG that is broken (truncated, corrupt).
     */
    static Response rejected(ImageRejectedException e) {
        return switch (e.reason()) {
            case EMPTY, NOT_AN_IMAGE, UNSUPPORTED_FORMAT -> problem(415, "unsupported-format", e.getMessage());
            default -> problem(422, "unreadable-image", e.getMessage() + " (" + e.reason() + ")");
        };
    }

    /**
     * {@code GET /api/cases/{id}/bundle}: the case's results as a zip ({@link CaseBundle}). A key with
     * role {@code ingest} sees only the cases it submitted: any other case id answers 404 exactly as an
     * unknown one does, so case ids cannot be probed; {@code operator} sees every case.
     */
    @GET
    @Path("/{id}/bundle")
    @RolesAllowed({ApiRoles.INGEST, ApiRoles.OPERATOR})
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    public Response bundle(@PathParam("id") String id) {
        UUID caseId;
        try {
            caseId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return noSuchCase(id);
        }
        if (!identity.hasRole(ApiRoles.OPERATOR)
                && !bundles.submitter(caseId).map(identity.getPrincipal().getName()::equals).orElse(false)) {
            return noSuchCase(id);
        }
        Optional<byte[]> zip = bundles.zip(caseId);
        if (zip.isEmpty()) {
            return problem(404, "no-results-yet", "case " + caseId + " has no rendered progression yet");
        }
        return Response.ok(zip.get(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"lesionsim-" + caseId + ".zip\"").build();
    }

    private static Response noSuchCase(String id) {
        return problem(404, "no-such-case", "no case " + id + " for this API key");
    }

    static Response problem(int status, String error, String reason) {
        return org.lesionsim.apiauth.ApiKeyProblems.problem(status, error, reason);
    }
}
