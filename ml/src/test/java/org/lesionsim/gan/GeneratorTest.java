package org.lesionsim.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generator structure (num_ws, official names, shapes) and behaviour (mapping, truncation, noise, gradients). */
class GeneratorTest {
    static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(7);
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** Built for every resolution; run forward only at 32 and 64 to keep the suite fast. */
    @ParameterizedTest
    @ValueSource(ints = {32, 64, 128, 256, 512})
    void numWsIsOnePerConvPlusTheLastToRgb(int resolution) {
        int log2 = Integer.numberOfTrailingZeros(resolution);
        try (Generator g = Generator.create(GeneratorConfig.cpu(resolution), manager, 1)) {
            assertThat(g.numWs()).isEqualTo(2 * log2 - 2).isEqualTo(g.config().numWs());
            // one style affine per conv layer (1 + 2 per block above 4x4) and per toRGB (one per block)
            int blocks = log2 - 1;
            assertThat(g.styleAffineWeights()).hasSize(1 + 2 * (blocks - 1) + blocks);
            assertThat(g.stateDict().names()).containsExactlyInAnyOrderElementsOf(OfficialNames.generator(resolution, 2));
        }
    }

    @Test
    void paperPresetsHaveTheReferenceNumWsAndChannels() {
        assertThat(GeneratorConfig.paper256().numWs()).isEqualTo(14);
        assertThat(GeneratorConfig.paper512().numWs()).isEqualTo(16);
        assertThat(GeneratorConfig.paper256().channels(4)).isEqualTo(512);
        assertThat(GeneratorConfig.paper256().channels(256)).isEqualTo(64); // 16384 / 256
        assertThat(GeneratorConfig.paper512().channels(512)).isEqualTo(64); // 32768 / 512
        assertThat(GeneratorConfig.paper512().mappingLayers()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void forwardGivesImagesOfTheConfiguredShapeInAReasonableRange(int resolution) {
        try (Generator g = Generator.create(GeneratorConfig.cpu(resolution), manager, 2);
                NDManager step = manager.newSubManager()) {
            NDArray z = step.randomNormal(new Shape(3, g.zDim()));
            NDArray ws = g.mapping(z, 1.0);
            assertThat(ws.getShape()).isEqualTo(new Shape(3, g.numWs(), g.wDim()));
            NDArray img = g.synthesis(ws, NoiseMode.RANDOM);
            assertThat(img.getShape()).isEqualTo(new Shape(3, 3, resolution, resolution));
            float[] px = img.toFloatArray();
            double var = ModulatedConv2dTest.variance(px);
            for (float v : px) {
                assertThat(Float.isFinite(v)).isTrue();
                assertThat(Math.abs(v)).isLessThan(50f);
            }
            assertThat(Math.sqrt(var)).isBetween(0.05, 10.0);
        }
    }

    @Test
    void parametersCarryTheOfficialNamesAndShapesAt64() {
        try (Generator g = Generator.create(GeneratorConfig.cpu(64), manager, 3)) {
            StateDict sd = g.stateDict();
            assertThat(sd.names()).containsExactlyInAnyOrderElementsOf(OfficialNames.generator(64, 2));
            sd.names().forEach(n -> assertThat(sd.buffers().containsKey(n)).as(n).isEqualTo(OfficialNames.isBuffer(n)));
            // cpu(64): channels 128 up to 32x32, 64 at 64x64; w_dim 128
            assertThat(sd.get("synthesis.b4.const").getShape()).isEqualTo(new Shape(128, 4, 4));
            assertThat(sd.get("synthesis.b64.conv0.weight").getShape()).isEqualTo(new Shape(64, 128, 3, 3));
            assertThat(sd.get("synthesis.b64.conv0.affine.weight").getShape()).isEqualTo(new Shape(128, 128));
            assertThat(sd.get("synthesis.b64.conv1.affine.weight").getShape()).isEqualTo(new Shape(64, 128));
            assertThat(sd.get("synthesis.b64.conv1.noise_const").getShape()).isEqualTo(new Shape(64, 64));
            assertThat(sd.get("synthesis.b64.conv1.noise_strength").getShape()).isEqualTo(new Shape());
            assertThat(sd.get("synthesis.b64.torgb.weight").getShape()).isEqualTo(new Shape(3, 64, 1, 1));
            assertThat(sd.get("synthesis.b8.resample_filter").getShape()).isEqualTo(new Shape(4, 4));
            assertThat(sd.get("mapping.fc0.weight").getShape()).isEqualTo(new Shape(128, 128));
            assertThat(sd.get("mapping.w_avg").getShape()).isEqualTo(new Shape(128));
            // initial values as the reference: affine bias 1, other biases and noise strengths 0, mapping weights N(0, 1/lr^2)
            assertThat(sd.get("synthesis.b8.conv0.affine.bias").toFloatArray()).containsOnly(1f);
            assertThat(sd.get("synthesis.b8.conv0.bias").toFloatArray()).containsOnly(0f);
            assertThat(sd.get("synthesis.b8.conv0.noise_strength").getFloat()).isZero();
            double mappingStd = Math.sqrt(ModulatedConv2dTest.variance(sd.get("mapping.fc1.weight").toFloatArray()));
            assertThat(mappingStd).isCloseTo(100.0, within(3.0));
            assertThat(g.styleAffineWeights().keySet()).startsWith("synthesis.b4.conv1.affine.weight",
                    "synthesis.b4.torgb.affine.weight", "synthesis.b8.conv0.affine.weight");
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        try (Generator a = Generator.create(GeneratorConfig.cpu(32), manager, 42);
                Generator b = Generator.create(GeneratorConfig.cpu(32), manager, 42);
                Generator c = Generator.create(GeneratorConfig.cpu(32), manager, 43)) {
            String name = "synthesis.b32.conv1.weight";
            assertThat(a.stateDict().get(name).toFloatArray()).isEqualTo(b.stateDict().get(name).toFloatArray());
            assertThat(a.stateDict().get(name).toFloatArray()).isNotEqualTo(c.stateDict().get(name).toFloatArray());
        }
    }

    @Test
    void mappingBroadcastsOneWAndTruncatesTowardsTheTrackedAverage() {
        try (Generator g = Generator.create(GeneratorConfig.cpu(32), manager, 4);
                NDManager step = manager.newSubManager()) {
            NDArray z = step.randomNormal(new Shape(4, g.zDim()));
            NDArray ws = g.mapping(z, 1.0, null, true);
            for (int i = 1; i < g.numWs(); i++) {
                assertThat(ws.get(":, {}", i).toFloatArray()).isEqualTo(ws.get(":, 0").toFloatArray());
            }
            // w_avg started at 0: one update with beta 0.995 leaves 0.005 * the batch mean of W
            float[] mean = ws.get(":, 0").mean(new int[] {0}).toFloatArray();
            float[] avg = g.wAvg().toFloatArray();
            for (int i = 0; i < mean.length; i++) {
                assertThat(avg[i]).isCloseTo(0.005f * mean[i], within(1e-5f));
            }
            // psi = 0 gives w_avg everywhere; a cutoff leaves the later ws untruncated
            NDArray collapsed = g.mapping(z, 0.0);
            assertThat(collapsed.get("1, 5").toFloatArray()).containsExactly(avg);
            NDArray cut = g.mapping(z, 0.5, 2, false);
            float[] w0 = ws.get("1, 0").toFloatArray();
            float[] cut0 = cut.get("1, 0").toFloatArray();
            for (int i = 0; i < w0.length; i++) {
                assertThat(cut0[i]).isCloseTo(avg[i] + 0.5f * (w0[i] - avg[i]), within(1e-5f));
            }
            assertThat(cut.get(":, 2:").toFloatArray()).isEqualTo(ws.get(":, 2:").toFloatArray());
        }
    }

    @Test
    void constNoiseIsReproducibleAndRandomNoiseIsNot() {
        try (Generator g = Generator.create(GeneratorConfig.cpu(32), manager, 5);
                NDManager step = manager.newSubManager()) {
            g.stateDict().parameters().forEach((name, p) -> {
                if (name.endsWith("noise_strength")) {
                    p.set(new float[] {0.3f});
                }
            });
            NDArray ws = g.mapping(step.randomNormal(new Shape(2, g.zDim())), 1.0);
            float[] const1 = g.synthesis(ws, NoiseMode.CONST).toFloatArray();
            assertThat(g.synthesis(ws, NoiseMode.CONST).toFloatArray()).isEqualTo(const1);
            assertThat(g.synthesis(ws, NoiseMode.RANDOM).toFloatArray()).isNotEqualTo(const1);
            assertThat(g.synthesis(ws, NoiseMode.NONE).toFloatArray()).isNotEqualTo(const1);
        }
    }

    @Test
    void fusedAndSharedModulatedConvolutionsGiveTheSameImages() {
        try (Generator g = Generator.create(GeneratorConfig.cpu(32), manager, 6);
                NDManager step = manager.newSubManager()) {
            NDArray ws = g.mapping(step.randomNormal(new Shape(3, g.zDim())), 1.0);
            float[] fused = g.synthesis(ws, NoiseMode.CONST, true).toFloatArray();
            float[] shared = g.synthesis(ws, NoiseMode.CONST, false).toFloatArray();
            for (int i = 0; i < fused.length; i++) {
                assertThat(shared[i]).isCloseTo(fused[i], within(1e-4f));
            }
        }
    }

    @Test
    void backwardReachesEveryParameter() {
        try (Generator g = Generator.create(GeneratorConfig.cpu(32), manager, 8);
                NDManager step = manager.newSubManager()) {
            g.stateDict().requireGradients();
            NDArray z = step.randomNormal(new Shape(2, g.zDim()));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray img = g.synthesis(g.mapping(z, 1.0), NoiseMode.RANDOM);
                collector.backward(img.square().mean());
            }
            for (Map.Entry<String, NDArray> e : g.stateDict().parameters().entrySet()) {
                float[] grad = e.getValue().getGradient().toFloatArray();
                double norm = 0;
                for (float v : grad) {
                    assertThat(Float.isFinite(v)).as(e.getKey()).isTrue();
                    norm += v * v;
                }
                assertThat(norm).as("gradient of %s", e.getKey()).isGreaterThan(0);
            }
        }
    }
}
