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

    public record Problem(String error, String reason) {
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

    @ServerExceptionMapper(ForbiddenException.class)
    public Response wrongRole() {
        return Response.status(403).type(MediaType.APPLICATION_JSON)
                .entity(new Problem("wrong-role", "this API key's roles do not allow this request")).build();
    }

    private static Response unauthorized(String error, String reason) {
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthenticationMechanism.CHALLENGE)
                .entity(new Problem(error, reason)).build();
    }
}
