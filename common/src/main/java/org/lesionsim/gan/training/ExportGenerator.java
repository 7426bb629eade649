package org.lesionsim.gan.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A training snapshot → a shippable generator checkpoint folder: the EMA generator (safetensors +
 * architecture JSON), the sample grid, the training log, and a {@code config.json} with the
 * checkpoint id, kimg, data set hash, training options and whatever provenance the caller adds
 * ({@code --note key=value}, e.g. the data set's licence). Only G_ema ships: D and the optimiser
 * state stay with the run, which is what resuming needs.
 *
 * <p>Usage: {@code --snapshot DIR --out DIR --id CHECKPOINT_ID [--log FILE] [--note key=value]...}
 */
public final class ExportGenerator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExportGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>();
        ObjectNode notes = JSON.createObjectNode();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--note")) {
                String[] kv = args[i + 1].split("=", 2);
                notes.put(kv[0], kv.length > 1 ? kv[1] : "");
            } else {
                opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
        }
        if (!opts.containsKey("snapshot") || !opts.containsKey("out") || !opts.containsKey("id")) {
            throw new IllegalArgumentException("usage: --snapshot DIR --out DIR --id CHECKPOINT_ID [--log FILE] [--note k=v]");
        }
        Path snapshot = Path.of(opts.get("snapshot"));
        Path out = Files.createDirectories(Path.of(opts.get("out")));
        JsonNode state = JSON.readTree(snapshot.resolve(TrainingLoop.STATE).toFile());
        for (String file : new String[] {TrainingLoop.GENERATOR_EMA, "generator_ema.json", TrainingLoop.SAMPLES}) {
            Files.copy(snapshot.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (opts.containsKey("log")) {
            Files.copy(Path.of(opts.get("log")), out.resolve("training-log.txt"), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("format", 1);
        config.put("kind", "generator");
        config.put("checkpointId", opts.get("id"));
        config.put("kimg", state.get("nimg").asLong() / 1000.0);
        config.put("datasetSha256", state.get("datasetHash").asText());
        config.put("augmentP", state.get("augmentP").asDouble());
        config.set("generator", state.get("generator"));
        config.set("discriminator", state.get("discriminator"));
        config.set("training", state.get("options"));
        config.put("loadWith", "org.lesionsim.gan.Generator.load(generator_ema.safetensors)");
        config.setAll(notes);
        JSON.writeValue(out.resolve("config.json").toFile(), config);
        System.out.println("exported " + opts.get("id") + " (kimg " + config.get("kimg") + ") to " + out);
    }
}
