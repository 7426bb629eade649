package org.lesionsim.gan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.lesionsim.events.JsonMappers;

/**
 * A network on disk: {@code <name>.safetensors} (every parameter and buffer under its official
 * name) beside {@code <name>.json}, which names the architecture and carries its config record, so
 * loading rebuilds exactly the network that was saved.
 */
public final class NetworkFiles {
    private static final ObjectMapper JSON = JsonMappers.indented();
    private static final int FORMAT = 1;

    private NetworkFiles() {
    }

    /** {@code generator.safetensors} -> {@code generator.json}. */
    public static Path configPath(Path safetensors) {
        String file = safetensors.getFileName().toString();
        if (!file.endsWith(".safetensors")) {
            throw new IllegalArgumentException("expected a .safetensors file, got " + safetensors);
        }
        return safetensors.resolveSibling(file.substring(0, file.length() - ".safetensors".length()) + ".json");
    }

    /** Writes the tensors and the config beside them, each atomically. */
    public static void save(Path safetensors, String architecture, Object config, StateDict params) throws IOException {
        params.save(safetensors);
        ObjectNode root = JSON.createObjectNode();
        root.put("architecture", architecture);
        root.put("format", FORMAT);
        root.set("config", JSON.valueToTree(config));
        Path json = configPath(safetensors);
        Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the config beside {@code safetensors}; refuses another architecture or format. */
    public static <T> T readConfig(Path safetensors, String architecture, Class<T> type) throws IOException {
        Path json = configPath(safetensors);
        if (!Files.exists(json)) {
            throw new NoSuchFileException(json.toString(), null,
                    "the architecture config must lie beside the weights (written by NetworkFiles.save)");
        }
        JsonNode root = JSON.readTree(json.toFile());
        String found = root.path("architecture").asText();
        if (!architecture.equals(found) || root.path("format").asInt() != FORMAT) {
            throw new IOException(json + " describes '" + found + "' format " + root.path("format").asInt()
                    + ", expected '" + architecture + "' format " + FORMAT);
        }
        return JSON.treeToValue(root.get("config"), type);
    }
}
