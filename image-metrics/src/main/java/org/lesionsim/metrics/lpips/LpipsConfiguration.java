package org.lesionsim.metrics.lpips;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the LPIPS weights are, or plainly why there are none. The weights file is named by system
 * property {@value #PROPERTY} or environment variable {@value #ENV} (property wins); the backbone by
 * {@value #BACKBONE_PROPERTY} / {@value #BACKBONE_ENV} ({@code alex}, the default, or {@code vgg}).
 * The file is written once by {@code tools/export_lpips_weights.py}.
 */
public sealed interface LpipsConfiguration {
    String PROPERTY = "lesionsim.lpips.weights";
    String ENV = "LESIONSIM_LPIPS_WEIGHTS";
    String BACKBONE_PROPERTY = "lesionsim.lpips.backbone";
    String BACKBONE_ENV = "LESIONSIM_LPIPS_BACKBONE";
    String HOW_TO = "run `python tools/export_lpips_weights.py --net alex --out lpips-alex.safetensors`"
            + " (needs torch, torchvision, lpips, safetensors) and set " + PROPERTY + " or " + ENV + " to the file";

    /** An existing weights file and the backbone it holds. */
    record Configured(Path weights, Backbone backbone) implements LpipsConfiguration {
    }

    /** No usable weights file; {@code reason} names what is missing and how to make it. */
    record NotConfigured(String reason) implements LpipsConfiguration {
    }

    /** From the system properties and environment of this JVM. */
    static LpipsConfiguration fromEnvironment() {
        return fromSettings(firstSet(System.getProperty(PROPERTY), System.getenv(ENV)),
                firstSet(System.getProperty(BACKBONE_PROPERTY), System.getenv(BACKBONE_ENV)));
    }

    /** {@code weights} may be null (not configured) or name a file that must exist. */
    static LpipsConfiguration optional(Path weights, Backbone backbone) {
        if (weights == null) {
            return new NotConfigured("LPIPS is not configured: no weights file given; " + HOW_TO);
        }
        if (!Files.isRegularFile(weights)) {
            return new NotConfigured("LPIPS is not configured: weights file " + weights + " does not exist; " + HOW_TO);
        }
        return new Configured(weights, backbone);
    }

    /** From settings as read (null when unset): lets callers and tests resolve without touching the environment. */
    static LpipsConfiguration fromSettings(String weights, String backbone) {
        Backbone chosen;
        if (backbone == null || backbone.equalsIgnoreCase("alex")) {
            chosen = Backbone.ALEX;
        } else if (backbone.toLowerCase(Locale.ROOT).startsWith("vgg")) {
            chosen = Backbone.VGG16;
        } else {
            return new NotConfigured("LPIPS is not configured: unknown backbone '" + backbone + "' in "
                    + BACKBONE_PROPERTY + "/" + BACKBONE_ENV + " (alex or vgg)");
        }
        if (weights == null) {
            return new NotConfigured("LPIPS is not configured: neither " + PROPERTY + " nor " + ENV + " is set; " + HOW_TO);
        }
        return optional(Path.of(weights), chosen);
    }

    private static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b == null || b.isBlank() ? null : b;
    }
}
