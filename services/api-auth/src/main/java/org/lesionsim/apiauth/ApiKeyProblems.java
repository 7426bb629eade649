package org.lesionsim.apiauth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals as JSON {@code {error, reason}}, like every other refusal of the API: 401 with
 * {@code WWW-Authenticate} for a missing or unknown key, 403 for a key without the role.
 * (Needs {@code quarkus.http.auth.proactive=false}, so that the refusal reaches these mappers.)
 */
public class ApiKeyProblems {

    /** Every refusal of every lesionsim HTTP API: a stable error code and a reason a person can act on. */
    public record Problem(String error, String reason) {
    }

    /** A refusal with {@code status}, as JSON {@link Problem}. */
    public static Response problem(int status, String error, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Problem(error, reason)).build();
    }

    @ServerExceptionMapper(UnauthorizedException.class)
    public Response missingKey() {
        return unauthorized("missing-api-key", "send an API key as 'Authorization: Bearer <key>' or '"
                + ApiKeyAuthenticationMechanism.API_KEY_HEADER + ": <key>'");
    }

    @ServerExceptionMapper(AuthenticationFailedException.class)
    public Response unknownKey() {
        return unauthorized("unknown-api-key", "the API key is not known to this service");
    }

    /**
     * The object store is down (a restart, a network blip): 503 with Retry-After, so a client that
     * retries gets in once it is back. Nothing was accepted: the case is neither stored nor announced.
     */
    @ServerExceptionMapper(org.lesionsim.storage.ObjectStoreUnavailableException.class)
    public Response storeUnavailable(org.lesionsim.storage.ObjectStoreUnavailableException e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON).header("Retry-After", "5")
                .entity(new Problem("store-unavailable", "the object store cannot be reached; nothing was accepted, retry later"))
                .build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response wrongRole() {
        return problem(403, "wrong-role", "this API key's roles do not allow this request");
    }

    private static Response unauthorized(String error, String reason) {
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthenticationMechanism.CHALLENGE)
                .entity(new Problem(error, reason)).build();
    }
}
