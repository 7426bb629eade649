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
 * The demo's own API key (role {@code ingest}, id {@value #INGEST_ID}) and its webhook secret,
 * made on first start (32 random bytes each, base64url) and kept in {@code keys.properties}
 * (owner read/write only) under the demo's data folder. The workers get only the key's SHA-256.
 */
final class DemoKeys {
    static final String INGEST_ID = "demo-hospital";

    private final String ingestKey;
    private final String webhookSecret;
    private final Path file;

    private DemoKeys(String ingestKey, String webhookSecret, Path file) {
        this.ingestKey = ingestKey;
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
            return new DemoKeys(key, secret, file);
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

    String webhookSecret() {
        return webhookSecret;
    }

    Path file() {
        return file;
    }

    /** What the services need: the key's hash and role, and (when given) its webhook. */
    Map<String, String> serviceConfig(String webhookUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        String prefix = "lesionsim.api.keys." + INGEST_ID + ".";
        config.put(prefix + "sha256", Checksums.sha256Hex(ingestKey.getBytes(StandardCharsets.UTF_8)));
        config.put(prefix + "roles", "ingest");
        if (webhookUrl != null) {
            config.put(prefix + "webhook-url", webhookUrl);
            config.put(prefix + "webhook-secret", webhookSecret);
        }
        return config;
    }
}
