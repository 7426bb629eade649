package org.lesionsim.apiauth;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code lesionsim.api.keys."<id>".*}: the API keys a service accepts, by id. Only the SHA-256 of a
 * key is configured, never the key; the id is what logs, events and the store name.
 * <pre>
 * lesionsim.api.keys."hospital-a".sha256=9f86d0...        (hex SHA-256 of the key's UTF-8 bytes)
 * lesionsim.api.keys."hospital-a".roles=ingest            (comma list: ingest, researcher, operator)
 * lesionsim.api.keys."hospital-a".webhook-url=https://pacs-bridge.hospital-a.example/lesionsim
 * lesionsim.api.keys."hospital-a".webhook-secret=...      (HMAC secret of that key's webhooks)
 * </pre>
 */
@ConfigMapping(prefix = "lesionsim.api")
public interface ApiKeysConfig {

    Map<String, ApiKey> keys();

    interface ApiKey {
        /** Hex SHA-256 of the key. */
        String sha256();

        /** {@link ApiRoles}: what the key may do. */
        Set<String> roles();

        /** Where results of this key's cases are posted (http or https); none: results are only fetched. */
        Optional<String> webhookUrl();

        /** The HMAC-SHA256 secret that signs this key's webhooks. */
        Optional<String> webhookSecret();
    }
}
