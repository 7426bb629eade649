package org.lesionsim.metrics.fid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the FID Inception weights are, or plainly why there are none. The file is named by system
 * property {@value #PROPERTY} or environment variable {@value #ENV} (property wins); its expected
 * SHA-256 by {@value #SHA256_PROPERTY} / {@value #SHA256_ENV}, or else by the side file
 * {@code <weights>.sha256} that {@code tools/export_inception_weights.py} writes beside it. Without a
 * file or without an expected checksum FID is not configured. The checksum itself is compared when
 * the weights are loaded ({@link FidScorer#open}), together with every tensor's name and shape.
 */
public sealed interface FidConfiguration {
    String PROPERTY = "lesionsim.fid.weights";
    String ENV = "LESIONSIM_FID_WEIGHTS";
    String SHA256_PROPERTY = "lesionsim.fid.sha256";
    String SHA256_ENV = "LESIONSIM_FID_SHA256";
    String EXPORT_COMMAND = "`python tools/export_inception_weights.py --out pt_inception-2015-12-05.safetensors`"
            + " (needs torch, pytorch-fid, safetensors)";
    String HOW_TO = "run " + EXPORT_COMMAND + " and set " + PROPERTY + " or " + ENV + " to the file";

    /** A weights file and the SHA-256 (lower-case hex) it must have. */
    record Configured(Path weights, String sha256) implements FidConfiguration {
        public Configured {
            sha256 = sha256.trim().toLowerCase(Locale.ROOT);
            if (!Pattern.matches("[0-9a-f]{64}", sha256)) {
                throw new IllegalArgumentException("expected SHA-256 of " + weights + " is not 64 hex digits: '" + sha256 + "'");
            }
        }
    }

    /** No usable weights; {@code reason} names what is missing and how to make it. */
    record NotConfigured(String reason) implements FidConfiguration {
    }

    /** From the system properties and environment of this JVM. */
    static FidConfiguration fromEnvironment() {
        return fromSettings(firstSet(System.getProperty(PROPERTY), System.getenv(ENV)),
                firstSet(System.getProperty(SHA256_PROPERTY), System.getenv(SHA256_ENV)));
    }

    /**
     * From settings as read (null when unset). {@code sha256} null means: take it from
     * {@code <weights>.sha256} (its first word, as {@code sha256sum} writes it).
     */
    static FidConfiguration fromSettings(String weights, String sha256) {
        if (weights == null) {
            return new NotConfigured("FID is not configured: neither " + PROPERTY + " nor " + ENV + " is set; " + HOW_TO);
        }
        Path file = Path.of(weights);
        if (!Files.isRegularFile(file)) {
            return new NotConfigured("FID is not configured: weights file " + file + " does not exist; " + HOW_TO);
        }
        String expected = sha256 != null ? sha256 : sideFileChecksum(file);
        if (expected == null) {
            return new NotConfigured("FID is not configured: no expected SHA-256 for " + file + " (set " + SHA256_PROPERTY
                    + " or " + SHA256_ENV + ", or keep the " + file.getFileName() + ".sha256 file the export script wrote)");
        }
        return new Configured(file, expected);
    }

    private static String sideFileChecksum(Path weights) {
        Path side = weights.resolveSibling(weights.getFileName() + ".sha256");
        if (!Files.isRegularFile(side)) {
            return null;
        }
        try {
            String text = Files.readString(side, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? null : text.split("\\s+")[0];
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b == null || b.isBlank() ? null : b;
    }
}
