package org.lesionsim.tools.encoder;

import org.lesionsim.tools.Commands;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.encoder.EncoderTraining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.lesionsim.tools.CheckpointExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
@Command(name = "ExportEncoder", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "An encoder training snapshot -> a shippable encoder checkpoint folder.")
public final class ExportEncoder implements Callable<Integer> {
    @Mixin
    private CheckpointExport.Request request;
    @Option(names = "--generator-id", required = true, paramLabel = "CHECKPOINT_ID",
            description = "the generator checkpoint whose W+ this encoder inverts into")
    private String generatorId;

    public static void main(String[] args) {
        Commands.run(new ExportEncoder(), args);
    }

    @Override
    public Integer call() throws IOException {
        JsonNode state = request.state(EncoderTraining.STATE);
        request.copy(List.of(EncoderTraining.ENCODER, "encoder.json"));
        ObjectNode config = CheckpointExport.config("encoder", request.checkpointId());
        config.put("generatorCheckpointId", generatorId);
        config.put("kimg", 0); // encoders count steps, not images shown to a discriminator
        config.put("steps", state.get("step").asLong());
        config.put("perceptualLoss", state.get("perceptualLoss").asText());
        config.put("trainedAgainst", state.get("generatorId").asText());
        config.set("encoder", state.get("encoder"));
        config.set("training", state.get("options"));
        config.put("loadWith", "org.lesionsim.encoder.E4eEncoder.load(encoder.safetensors)");
        request.finish(config);
        System.out.println("exported " + request.checkpointId() + " (step " + config.get("steps") + ", for "
                + generatorId + ") to " + request.out());
        return 0;
    }
}
