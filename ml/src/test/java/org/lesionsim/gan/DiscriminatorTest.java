package org.lesionsim.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Discriminator structure (official names, [N, 1] logits), minibatch stddev and gradients. */
class DiscriminatorTest extends DjlTestBase {

    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void givesOneLogitPerImage(int resolution) {
        try (Discriminator d = Discriminator.create(DiscriminatorConfig.cpu(resolution), manager, 1);
                NDManager step = manager.newSubManager()) {
            for (int batch : new int[] {2, 4, 8}) {
                NDArray logits = d.forward(step.randomUniform(-1, 1, new Shape(batch, 3, resolution, resolution)));
                assertThat(logits.getShape()).isEqualTo(new Shape(batch, 1));
                for (float v : logits.toFloatArray()) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 64, 128, 256, 512})
    void parametersCarryTheOfficialNames(int resolution) {
        try (Discriminator d = Discriminator.create(DiscriminatorConfig.cpu(resolution), manager, 2)) {
            StateDict sd = d.stateDict();
            assertThat(sd.names()).containsExactlyInAnyOrderElementsOf(OfficialNames.discriminator(resolution));
            sd.names().forEach(n -> assertThat(sd.buffers().containsKey(n)).as(n).isEqualTo(OfficialNames.isBuffer(n)));
        }
    }

    @Test
    void shapesAt64FollowTheChannelTable() {
        try (Discriminator d = Discriminator.create(DiscriminatorConfig.cpu(64), manager, 3)) {
            StateDict sd = d.stateDict();
            // cpu(64): 64 channels at 64x64, 128 below
            assertThat(sd.get("b64.fromrgb.weight").getShape()).isEqualTo(new Shape(64, 3, 1, 1));
            assertThat(sd.get("b64.conv0.weight").getShape()).isEqualTo(new Shape(64, 64, 3, 3));
            assertThat(sd.get("b64.conv1.weight").getShape()).isEqualTo(new Shape(128, 64, 3, 3));
            assertThat(sd.get("b64.skip.weight").getShape()).isEqualTo(new Shape(128, 64, 1, 1));
            assertThat(sd.get("b4.conv.weight").getShape()).isEqualTo(new Shape(128, 129, 3, 3)); // + 1 mbstd channel
            assertThat(sd.get("b4.fc.weight").getShape()).isEqualTo(new Shape(128, 128 * 16));
            assertThat(sd.get("b4.out.weight").getShape()).isEqualTo(new Shape(1, 128));
        }
    }

    @Test
    void minibatchStddevAppendsTheGroupStandardDeviationAveragedOverFeatures() {
        Random random = new Random(5);
        int n = 4;
        int c = 3;
        int hw = 2;
        float[] x = ModulatedConv2dTest.randn(random, n * c * hw * hw, 0, 1);
        NDArray out = new MinibatchStdLayer(2, 1).forward(manager.create(x, new Shape(n, c, hw, hw)));
        assertThat(out.getShape()).isEqualTo(new Shape(n, c + 1, hw, hw));
        // Group size 2 over a batch of 4: samples {0, 2} form group 0 and {1, 3} group 1 (reshape(G, -1, ...)).
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            for (int f = 0; f < c * hw * hw; f++) {
                double a = x[j * c * hw * hw + f];
                double b = x[(j + 2) * c * hw * hw + f];
                double mean = (a + b) / 2;
                sum += Math.sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean)) / 2 + 1e-8);
            }
            double expected = sum / (c * hw * hw);
            for (int sample : new int[] {j, j + 2}) {
                float[] appended = out.get("{}, {}", sample, c).toFloatArray();
                for (float v : appended) {
                    assertThat((double) v).isCloseTo(expected, within(1e-5));
                }
            }
        }
        // the original features pass through unchanged
        assertThat(out.get(":, :{}", c).toFloatArray()).isEqualTo(x);
    }

    @Test
    void minibatchStddevRefusesABatchThatIsNotAMultipleOfTheGroup() {
        assertThatThrownBy(() -> new MinibatchStdLayer(4, 1).forward(manager.zeros(new Shape(6, 2, 4, 4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple");
    }

    @Test
    void backwardReachesEveryParameterAndTheImage() {
        try (Discriminator d = Discriminator.create(DiscriminatorConfig.cpu(32), manager, 4);
                NDManager step = manager.newSubManager()) {
            d.stateDict().requireGradients();
            NDArray img = step.randomUniform(-1, 1, new Shape(4, 3, 32, 32));
            img.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(d.forward(img).sum());
            }
            assertThat(norm(img.getGradient().toFloatArray())).isGreaterThan(0);
            for (Map.Entry<String, NDArray> e : d.stateDict().parameters().entrySet()) {
                assertThat(norm(e.getValue().getGradient().toFloatArray())).as("gradient of %s", e.getKey()).isGreaterThan(0);
            }
        }
    }

    static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            assertThat(Float.isFinite(f)).isTrue();
            s += f * f;
        }
        return Math.sqrt(s);
    }
}
