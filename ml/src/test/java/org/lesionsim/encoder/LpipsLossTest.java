package org.lesionsim.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.gan.DjlTestBase;
import org.lesionsim.metrics.lpips.Backbone;
import org.lesionsim.metrics.lpips.LpipsDistance;

/** The encoder's differentiable LPIPS must give what the metric gives, on the same (random) weight file. */
class LpipsLossTest extends DjlTestBase {

    @Test
    void equalsTheLpipsMetricAndPassesGradients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lpips-alex.safetensors");
        int[][] convs = {{0, 3, 64, 11}, {3, 64, 192, 5}, {6, 192, 384, 3}, {8, 384, 256, 3}, {10, 256, 256, 3}};
        try (NDManager sm = manager.newSubManager()) {
            NDList list = new NDList();
            for (int k = 0; k < convs.length; k++) {
                int[] c = convs[k];
                double std = Math.sqrt(2.0 / (c[1] * c[3] * c[3]));
                NDArray w = sm.randomNormal(0, (float) std, new Shape(c[2], c[1], c[3], c[3]), ai.djl.ndarray.types.DataType.FLOAT32);
                w.setName("features." + c[0] + ".weight");
                NDArray b = sm.randomUniform(-0.05f, 0.05f, new Shape(c[2]));
                b.setName("features." + c[0] + ".bias");
                NDArray lin = sm.randomUniform(0f, 1f, new Shape(1, c[2], 1, 1));
                lin.setName("lin" + k + ".model.1.weight");
                list.add(w);
                list.add(b);
                list.add(lin);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                list.encode(out, NDList.Encoding.SAFETENSORS);
            }
            NDArray a = sm.randomUniform(-1, 1, new Shape(2, 3, 64, 64));
            NDArray b = sm.randomUniform(-1, 1, new Shape(2, 3, 64, 64));
            float[] expected;
            try (LpipsDistance metric = LpipsDistance.load(file, Backbone.ALEX, manager)) {
                expected = metric.distances(a, b);
            }
            try (LpipsLoss loss = LpipsLoss.load(file, Backbone.ALEX, manager)) {
                float[] actual = loss.loss(a, b).toFloatArray();
                assertThat(expected[0]).isGreaterThan(0f);
                for (int i = 0; i < 2; i++) {
                    assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-5 * Math.max(1, expected[i])));
                }
                a.setRequiresGradient(true);
                try (GradientCollector collector = sm.getEngine().newGradientCollector()) {
                    collector.backward(loss.loss(a, b).sum());
                }
                assertThat(a.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            }
        }
    }
}
