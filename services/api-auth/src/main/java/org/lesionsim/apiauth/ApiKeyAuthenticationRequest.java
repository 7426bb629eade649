package org.lesionsim.apiauth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A key as presented by a caller; its {@link #toString} never shows it. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key=<hidden>]";
    }
}
