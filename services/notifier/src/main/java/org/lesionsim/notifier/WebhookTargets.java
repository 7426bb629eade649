package org.lesionsim.notifier;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lesionsim.apiauth.ApiKeysConfig;

/**
 * The webhook of each API key that has one, checked when the notifier starts: an absolute http or
 * https URL with a host, and an HMAC secret. Anything else (file:, ftp:, no secret) stops the start
 * instead of surfacing as a failed delivery later.
 */
@Startup
@ApplicationScoped
public class WebhookTargets {

    /** Where one key's results go, and the secret that signs them. */
    public record Target(String keyId, URI url, String secret) {
        @Override
        public String toString() {
            return "Target[" + keyId + " -> " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "]";
        }
    }

    private final Map<String, Target> targets;

    @Inject
    public WebhookTargets(ApiKeysConfig keys) {
        this.targets = targets(keys.keys());
    }

    /** The target of key {@code keyId}; empty when it has no webhook (or is not configured). */
    public Optional<Target> of(String keyId) {
        return Optional.ofNullable(keyId == null ? null : targets.get(keyId));
    }

    static Map<String, Target> targets(Map<String, ApiKeysConfig.ApiKey> keys) {
        Map<String, Target> targets = new LinkedHashMap<>();
        keys.forEach((id, key) -> key.webhookUrl().filter(u -> !u.isBlank()).ifPresent(url -> {
            String where = "lesionsim.api.keys.\"" + id + "\".webhook-url";
            URI uri;
            try {
                uri = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + " is not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalStateException(where + " must be an http or https URL, not '" + scheme + ":'");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new IllegalStateException(where + " has no host");
            }
            String secret = key.webhookSecret().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "lesionsim.api.keys.\"" + id + "\".webhook-secret is required with a webhook-url (it signs the webhooks)"));
            targets.put(id, new Target(id, uri, secret));
        }));
        return Map.copyOf(targets);
    }
}
