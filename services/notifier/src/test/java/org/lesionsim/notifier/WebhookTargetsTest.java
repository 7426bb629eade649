package org.lesionsim.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lesionsim.apiauth.ApiKeysConfig;

class WebhookTargetsTest {

    record Key(String sha256, Set<String> roles, Optional<String> webhookUrl, Optional<String> webhookSecret)
            implements ApiKeysConfig.ApiKey {
    }

    static Key key(String url, String secret) {
        return new Key("00".repeat(32), Set.of("ingest"), Optional.ofNullable(url), Optional.ofNullable(secret));
    }

    @Test
    void httpAndHttpsWebhooksAreKeptAndKeysWithoutOneAreNotTold() {
        Map<String, WebhookTargets.Target> targets = WebhookTargets.targets(Map.of(
                "a", key("https://bridge.hospital-a.example/lesionsim", "s1"),
                "b", key("http://127.0.0.1:9999/hook", "s2"),
                "c", key(null, null)));
        assertThat(targets).containsOnlyKeys("a", "b");
        assertThat(targets.get("a").url().getHost()).isEqualTo("bridge.hospital-a.example");
        assertThat(targets.get("a").toString()).doesNotContain("s1");
    }

    @Test
    void otherSchemesAndMissingSecretsStopTheStart() {
        for (String url : new String[]{"file:///etc/passwd", "ftp://x.example/", "jar:file:/x!/y", "gopher://x/", "//no-scheme/x"}) {
            assertThatThrownBy(() -> WebhookTargets.targets(Map.of("k", key(url, "s"))))
                    .as(url).isInstanceOf(IllegalStateException.class).hasMessageContaining("http or https");
        }
        assertThatThrownBy(() -> WebhookTargets.targets(Map.of("k", key("https:///path-only", "s"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no host");
        assertThatThrownBy(() -> WebhookTargets.targets(Map.of("k", key("https://x.example/", null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("webhook-secret");
    }
}
