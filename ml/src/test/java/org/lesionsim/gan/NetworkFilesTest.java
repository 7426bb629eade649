package org.lesionsim.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors + JSON config round-trip exactly, and loading refuses what does not match instead of guessing. */
class NetworkFilesTest extends DjlTestBase {
    @TempDir
    Path dir;

    @Test
    void generatorRoundTripsEveryTensorAndRendersTheSameImages() throws Exception {
        Path file = dir.resolve("generator.safetensors");
        try (Generator g = Generator.create(GeneratorConfig.cpu(32), manager, 1);
                NDManager step = manager.newSubManager()) {
            NDArray z = step.randomNormal(new Shape(2, g.zDim()));
            g.mapping(z, 1.0, null, true); // move w_avg off zero so the buffer is tested too
            g.stateDict().get("synthesis.b16.conv0.noise_strength").set(new float[] {0.25f});
            g.save(file);
            assertThat(NetworkFiles.configPath(file)).hasFileName("generator.json").exists();

            try (Generator loaded = Generator.load(file, manager)) {
                assertThat(loaded.config()).isEqualTo(g.config());
                for (String name : g.stateDict().names()) {
                    assertThat(loaded.stateDict().get(name).toFloatArray()).as(name).isEqualTo(g.stateDict().get(name).toFloatArray());
                }
                assertThat(loaded.stateDict().parameters().keySet()).isEqualTo(g.stateDict().parameters().keySet());
                NDArray ws = g.mapping(z, 0.7);
                assertThat(loaded.mapping(z, 0.7).toFloatArray()).isEqualTo(ws.toFloatArray());
                assertThat(loaded.synthesis(ws, NoiseMode.CONST).toFloatArray())
                        .isEqualTo(g.synthesis(ws, NoiseMode.CONST).toFloatArray());
            }
        }
    }

    @Test
    void discriminatorRoundTrips() throws Exception {
        Path file = dir.resolve("discriminator.safetensors");
        try (Discriminator d = Discriminator.create(DiscriminatorConfig.cpu(32), manager, 2);
                NDManager step = manager.newSubManager()) {
            d.save(file);
            try (Discriminator loaded = Discriminator.load(file, manager)) {
                NDArray img = step.randomUniform(-1, 1, new Shape(4, 3, 32, 32));
                assertThat(loaded.forward(img).toFloatArray()).isEqualTo(d.forward(img).toFloatArray());
            }
        }
    }

    @Test
    void aConfigThatDisagreesWithTheTensorsIsRefused() throws Exception {
        Path file = dir.resolve("generator.safetensors");
        try (Generator g = Generator.create(GeneratorConfig.cpu(32), manager, 3)) {
            g.save(file);
        }
        Path json = NetworkFiles.configPath(file);
        String original = Files.readString(json);

        // A config for 64x64 asks for blocks the file lacks.
        Files.writeString(json, original.replace("\"resolution\" : 32", "\"resolution\" : 64"));
        assertThatThrownBy(() -> Generator.load(file, manager)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synthesis.b64");

        // A config for 16x16 leaves tensors unclaimed.
        Files.writeString(json, original.replace("\"resolution\" : 32", "\"resolution\" : 16"));
        assertThatThrownBy(() -> Generator.load(file, manager)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks").hasMessageContaining("synthesis.b32");

        // Wider channels: same names, other shapes.
        Files.writeString(json, original.replace("\"channelMax\" : 128", "\"channelMax\" : 256"));
        assertThatThrownBy(() -> Generator.load(file, manager)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the architecture needs");

        // A discriminator file is not a generator.
        Files.writeString(json, original.replace(Generator.ARCHITECTURE, Discriminator.ARCHITECTURE));
        assertThatThrownBy(() -> Generator.load(file, manager)).hasMessageContaining("expected '" + Generator.ARCHITECTURE);

        Files.delete(json);
        assertThatThrownBy(() -> Generator.load(file, manager)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("beside the weights");
    }

    @Test
    void emaMovesParametersTowardsTheSourceAndCopiesBuffers() {
        try (Generator g = Generator.create(GeneratorConfig.cpu(32), manager, 5);
                Generator ema = Generator.create(GeneratorConfig.cpu(32), manager, 6)) {
            String weight = "synthesis.b8.conv1.weight";
            float[] source = g.stateDict().get(weight).toFloatArray();
            float[] before = ema.stateDict().get(weight).toFloatArray();
            float[] avg = new float[128];
            avg[0] = 0.5f;
            g.stateDict().get("mapping.w_avg").set(avg);
            ema.stateDict().updateEma(g.stateDict(), 0.9);
            float[] after = ema.stateDict().get(weight).toFloatArray();
            for (int i = 0; i < after.length; i += 97) {
                assertThat(after[i]).isCloseTo(source[i] + 0.9f * (before[i] - source[i]), org.assertj.core.api.Assertions.within(1e-5f));
            }
            assertThat(ema.wAvg().toFloatArray()).isEqualTo(g.wAvg().toFloatArray());
        }
    }

    @Test
    void aCopyIsIndependentOfItsSource() {
        try (Generator g = Generator.create(GeneratorConfig.cpu(32), manager, 4);
                Generator ema = g.copy(manager)) {
            NDArray w = g.stateDict().get("synthesis.b32.conv1.weight");
            float[] before = w.toFloatArray();
            w.set(new float[before.length]);
            assertThat(ema.stateDict().get("synthesis.b32.conv1.weight").toFloatArray()).isEqualTo(before);
        }
    }
}
