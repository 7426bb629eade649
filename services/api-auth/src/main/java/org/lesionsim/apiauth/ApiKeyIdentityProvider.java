package org.lesionsim.apiauth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a presented key into the identity of its id: SHA-256 of the key compared, in constant
 * time ({@link MessageDigest#isEqual}), against every configured hash (all are compared, so the
 * time does not tell which key came close). Neither key nor hash is ever logged or put in a message.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private record Known(String id, byte[] sha256, Set<String> roles) {
    }

    private final List<Known> keys;

    public ApiKeyIdentityProvider(ApiKeysConfig config) {
        this.keys = known(config);
    }

    /** The configured keys, checked: a 64-digit hex hash and known roles, or the service does not start. */
    static List<Known> known(ApiKeysConfig config) {
        List<Known> known = new ArrayList<>();
        for (Map.Entry<String, ApiKeysConfig.ApiKey> e : config.keys().entrySet()) {
            String hex = e.getValue().sha256().trim().toLowerCase(Locale.ROOT);
            if (!SHA256_HEX.matcher(hex).matches()) {
                throw new IllegalStateException("lesionsim.api.keys.\"" + e.getKey() + "\".sha256 must be 64 hex digits (the SHA-256 of the key)");
            }
            for (String role : e.getValue().roles()) {
                if (!ApiRoles.ALL.contains(role)) {
                    throw new IllegalStateException("lesionsim.api.keys.\"" + e.getKey() + "\".roles: unknown role '" + role
                            + "' (known: " + ApiRoles.ALL + ")");
                }
            }
            known.add(new Known(e.getKey(), HexFormat.of().parseHex(hex), Set.copyOf(e.getValue().roles())));
        }
        return List.copyOf(known);
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return match(request.key())
                .map(k -> Uni.createFrom().item((SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(k.id())).addRoles(k.roles()).build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API key")));
    }

    private Optional<Known> match(String key) {
        byte[] presented = sha256(key);
        Known found = null;
        for (Known k : keys) {
            if (MessageDigest.isEqual(k.sha256(), presented) && found == null) {
                found = k;
            }
        }
        return Optional.ofNullable(found);
    }

    /** SHA-256 of the key's UTF-8 bytes, as configured in {@code .sha256} (hex). */
    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
