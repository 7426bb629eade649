package org.lesionsim.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.lesionsim.data.CommandLineArgs;
import org.lesionsim.storage.CheckpointExport;

/**
 * An encoder training snapshot → a shippable encoder checkpoint folder: the encoder (safetensors +
 * architecture JSON), the training log, and a {@code config.json} naming the generator checkpoint
 * whose W+ it inverts into ({@code generatorCheckpointId}, which the workers pair it with), the steps,
 * the perceptual loss used, the generator file it was trained against, every training option, and
 * the caller's provenance notes. The latent discriminator and optimiser state stay with the run.
 *
 * <p>Usage: {@code --snapshot DIR --out DIR --id CHECKPOINT_ID --generator-id CHECKPOINT_ID [--log FILE]
 * [--note key=value]...}
 */
public final class ExportEncoder {
    private static final String USAGE = "--snapshot DIR --out DIR --id CHECKPOINT_ID --generator-id CHECKPOINT_ID "
            + "[--log FILE] [--note key=value]...";

    private ExportEncoder() {
    }

    public static void main(String[] args) throws IOException {
        CommandLineArgs cli = CommandLineArgs.parse(args, Set.of(), USAGE);
        Path snapshot = Path.of(cli.required("snapshot"));
        Path out = Path.of(cli.required("out"));
        String id = cli.required("id");
        JsonNode state = CheckpointExport.JSON.readTree(snapshot.resolve(EncoderTraining.STATE).toFile());
        CheckpointExport.copy(snapshot, out, List.of(EncoderTraining.ENCODER, "encoder.json"));
        ObjectNode config = CheckpointExport.config("encoder", id);
        config.put("generatorCheckpointId", cli.required("generator-id"));
        config.put("kimg", 0); // encoders count steps, not images shown to a discriminator
        config.put("steps", state.get("step").asLong());
        config.put("perceptualLoss", state.get("perceptualLoss").asText());
        config.put("trainedAgainst", state.get("generatorId").asText());
        config.set("encoder", state.get("encoder"));
        config.set("training", state.get("options"));
        config.put("loadWith", "org.lesionsim.encoder.E4eEncoder.load(encoder.safetensors)");
        CheckpointExport.finish(out, config, cli.all("note"), cli.has("log") ? Path.of(cli.get("log", null)) : null);
        System.out.println("exported " + id + " (step " + config.get("steps") + ", for "
                + config.get("generatorCheckpointId").asText() + ") to " + out);
    }
}
