package org.lesionsim.tools.gan;

import org.lesionsim.events.JsonMappers;
import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.gan.training.TinyTraining;
import org.lesionsim.gan.training.TrainingLoop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.gan.Generator;
import org.lesionsim.storage.CheckpointFolder;
import picocli.CommandLine;

/** A snapshot exported for shipping: G_ema only, with the config and provenance a worker and a reader need. */
class ExportGeneratorTest {

    @Test
    void exportsGEmaWithItsConfigNotesAndLog(@TempDir Path dir) throws Exception {
        ImageDataset dataset = ImageDataset.fromImages(TinyTraining.discs(4), TinyTraining.RES, true);
        Path snapshot;
        float[] constant;
        try (NDManager manager = NDManager.newBaseManager();
                TrainingLoop loop = TrainingLoop.create(TinyTraining.options(), TinyTraining.generator(),
                        TinyTraining.discriminator(), dataset, dir.resolve("run"), manager)) {
            loop.step();
            snapshot = loop.snapshot();
            constant = loop.generatorEma().stateDict().get("synthesis.b4.const").toFloatArray();
        }
        Path log = Files.writeString(dir.resolve("train.log"), "tick 1 kimg 0.004\n");
        Path out = dir.resolve("models").resolve("tiny");
        int exitCode = new CommandLine(new ExportGenerator()).execute("--snapshot", snapshot.toString(), "--out", out.toString(),
                "--id", "tiny-kimg0000", "--log", log.toString(), "--note", "licence=CC BY-NC 4.0", "--note", "dataset=discs");
        assertThat(exitCode).isZero();

        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> CheckpointFolder.artefactName(p.getFileName().toString())))
                    .containsExactlyInAnyOrder("config", "generator_ema", "generator_ema_config", "samples", "training-log");
        }
        JsonNode config = JsonMappers.compact().readTree(out.resolve("config.json").toFile());
        assertThat(config.get("kind").asText()).isEqualTo("generator");
        assertThat(config.get("checkpointId").asText()).isEqualTo("tiny-kimg0000");
        assertThat(config.get("kimg").asDouble()).isEqualTo(0.004);
        assertThat(config.get("datasetSha256").asText()).isEqualTo(dataset.contentHash());
        assertThat(config.get("licence").asText()).isEqualTo("CC BY-NC 4.0");
        assertThat(config.get("dataset").asText()).isEqualTo("discs");
        assertThat(config.get("generator").get("resolution").asInt()).isEqualTo(TinyTraining.RES);
        assertThat(Files.readString(out.resolve("training-log.txt"))).isEqualTo("tick 1 kimg 0.004\n");
        try (NDManager manager = NDManager.newBaseManager();
                Generator g = Generator.load(out.resolve(TrainingLoop.GENERATOR_EMA), manager)) {
            assertThat(g.stateDict().get("synthesis.b4.const").toFloatArray()).containsExactly(constant);
        }
    }
}
