package org.lesionsim.notifier;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API keys with webhooks on loopback ports chosen before the notifier starts (the receivers are
 * started and stopped by the test on those ports): flaky, down, fast, refusing, and one key without a webhook.
 */
public class WebhookKeysResource implements QuarkusTestResourceLifecycleManager {
    static final String SECRET = "test-webhook-secret-7c1d";
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String key : new String[]{"hook-flaky", "hook-down", "hook-fast", "hook-refusing"}) {
            int port = PORTS.computeIfAbsent(key, k -> WebhookReceiver.freePort());
            config.put("lesionsim.api.keys." + key + ".webhook-url", "http://127.0.0.1:" + port + "/hook");
            config.put("lesionsim.api.keys." + key + ".webhook-secret", SECRET);
        }
        for (String key : new String[]{"hook-flaky", "hook-down", "hook-fast", "hook-refusing", "no-hook"}) {
            config.put("lesionsim.api.keys." + key + ".sha256", "00".repeat(32));
            config.put("lesionsim.api.keys." + key + ".roles", "ingest");
        }
        return config;
    }

    @Override
    public void stop() {
    }
}
