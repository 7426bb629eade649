package org.lesionsim.tools.gan;

import org.lesionsim.tools.Commands;
import org.lesionsim.gan.training.TrainingLoop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.lesionsim.tools.CheckpointExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A training snapshot → a shippable generator checkpoint folder: the EMA generator (safetensors +
 * architecture JSON), the sample grid, the training log, and a {@code config.json} with the
 * checkpoint id, kimg, data set hash, training options and whatever provenance the caller adds
 * ({@code --note key=value}, e.g. the data set's licence). Only G_ema ships: D and the optimiser
 * state stay with the run, which is what resuming needs.
 *
 * <p>Usage: {@code --snapshot DIR --out DIR --id CHECKPOINT_ID [--log FILE] [--note key=value]...}
 */
@Command(name = "ExportGenerator", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "A training snapshot -> a shippable generator checkpoint folder.")
public final class ExportGenerator implements Callable<Integer> {
    @Mixin
    private CheckpointExport.Request request;

    public static void main(String[] args) {
        Commands.run(new ExportGenerator(), args);
    }

    @Override
    public Integer call() throws IOException {
        JsonNode state = request.state(TrainingLoop.STATE);
        request.copy(List.of(TrainingLoop.GENERATOR_EMA, "generator_ema.json", TrainingLoop.SAMPLES));
        ObjectNode config = CheckpointExport.config("generator", request.checkpointId());
        config.put("kimg", state.get("nimg").asLong() / 1000.0);
        config.put("datasetSha256", state.get("datasetHash").asText());
        config.put("augmentP", state.get("augmentP").asDouble());
        config.set("generator", state.get("generator"));
        config.set("discriminator", state.get("discriminator"));
        config.set("training", state.get("options"));
        config.put("loadWith", "org.lesionsim.gan.Generator.load(generator_ema.safetensors)");
        request.finish(config);
        System.out.println("exported " + request.checkpointId() + " (kimg " + config.get("kimg") + ") to " + request.out());
        return 0;
    }
}
