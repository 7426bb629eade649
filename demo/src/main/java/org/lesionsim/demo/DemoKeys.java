package org.lesionsim.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.lesionsim.storage.Checksums;

/**
 * The demo's own API keys and its webhook secret, made on first start (32 random bytes each,
 * base64url) and kept in {@code keys.properties} (owner read/write only) under the demo's data
 * folder: the hospital's key (role {@code ingest}, id {@value #INGEST_ID}), a researcher's
 * ({@value #RESEARCHER_ID}: simulations, training jobs) and an operator's ({@value #OPERATOR_ID}:
 * everything, dead-letter replay) for the console. The services get only the keys' SHA-256; the
 * keys themselves are shown only by the demo, on its own console.
 */
final class DemoKeys {
    static final String INGEST_ID = "demo-hospital";
    static final String RESEARCHER_ID = "demo-researcher";
    static final String OPERATOR_ID = "demo-operator";

    private final String ingestKey;
    private final String researcherKey;
    private final String operatorKey;
    private final String webhookSecret;
    private final Path file;

    private DemoKeys(String ingestKey, String researcherKey, String operatorKey, String webhookSecret, Path file) {
        this.ingestKey = ingestKey;
        this.researcherKey = researcherKey;
        this.operatorKey = operatorKey;
        this.webhookSecret = webhookSecret;
        this.file = file;
    }

    static DemoKeys loadOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Properties p = new Properties();
                p.setProperty(INGEST_ID + ".key", random());
                p.setProperty(INGEST_ID + ".webhook-secret", random());
                p.setProperty(RESEARCHER_ID + ".key", random());
                p.setProperty(OPERATOR_ID + ".key", random());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (FileAlreadyExistsException raced) {
                    return loadOrCreate(file);
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    p.store(w, "lesionsim demo API keys: secrets, do not share (the services hold only their SHA-256)");
                }
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String key = p.getProperty(INGEST_ID + ".key");
            String secret = p.getProperty(INGEST_ID + ".webhook-secret");
            if (key == null || secret == null) {
                throw new IllegalStateException(file + " lacks " + INGEST_ID + ".key or .webhook-secret: delete it to make new keys");
            }
            // A keys file from before the console had only the hospital's key: the other two are added once.
            if (p.getProperty(RESEARCHER_ID + ".key") == null || p.getProperty(OPERATOR_ID + ".key") == null) {
                p.putIfAbsent(RESEARCHER_ID + ".key", random());
                p.putIfAbsent(OPERATOR_ID + ".key", random());
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    p.store(w, "lesionsim demo API keys: secrets, do not share (the services hold only their SHA-256)");
                }
            }
            return new DemoKeys(key, p.getProperty(RESEARCHER_ID + ".key"), p.getProperty(OPERATOR_ID + ".key"), secret, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String ingestKey() {
        return ingestKey;
    }

    String researcherKey() {
        return researcherKey;
    }

    String operatorKey() {
        return operatorKey;
    }

    String webhookSecret() {
        return webhookSecret;
    }

    Path file() {
        return file;
    }

    /** What the services need: each key's hash and role, and (when given) the hospital's webhook. */
    Map<String, String> serviceConfig(String webhookUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        String prefix = "lesionsim.api.keys." + INGEST_ID + ".";
        config.put(prefix + "sha256", Checksums.sha256Hex(ingestKey.getBytes(StandardCharsets.UTF_8)));
        config.put(prefix + "roles", "ingest");
        config.put("lesionsim.api.keys." + RESEARCHER_ID + ".sha256", Checksums.sha256Hex(researcherKey.getBytes(StandardCharsets.UTF_8)));
        config.put("lesionsim.api.keys." + RESEARCHER_ID + ".roles", "researcher");
        config.put("lesionsim.api.keys." + OPERATOR_ID + ".sha256", Checksums.sha256Hex(operatorKey.getBytes(StandardCharsets.UTF_8)));
        config.put("lesionsim.api.keys." + OPERATOR_ID + ".roles", "operator");
        if (webhookUrl != null) {
            config.put(prefix + "webhook-url", webhookUrl);
            config.put(prefix + "webhook-secret", webhookSecret);
        }
        return config;
    }
}
