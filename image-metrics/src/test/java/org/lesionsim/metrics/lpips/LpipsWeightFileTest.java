package org.lesionsim.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad weight file fails loudly, naming the tensor, instead of giving LPIPS from wrong weights. */
class LpipsWeightFileTest {
    @TempDir
    Path dir;

    @Test
    void missingTensorIsNamed() throws IOException {
        Path file = RandomLpipsWeights.write(dir.resolve("missing.safetensors"), Backbone.ALEX, 1,
                (name, shape) -> name.equals("features.3.weight") ? null : shape);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> LpipsDistance.load(file, Backbone.ALEX, manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("features.3.weight")
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("export_lpips_weights.py");
        }
    }

    @Test
    void wrongShapeIsNamedWithBothShapes() throws IOException {
        Path file = RandomLpipsWeights.write(dir.resolve("shape.safetensors"), Backbone.ALEX, 1,
                (name, shape) -> name.equals("lin1.model.1.weight") ? new Shape(1, 64, 1, 1) : shape);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> LpipsDistance.load(file, Backbone.ALEX, manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lin1.model.1.weight")
                    .hasMessageContaining("(1, 64, 1, 1)")
                    .hasMessageContaining("(1, 192, 1, 1)");
        }
    }

    @Test
    void anAlexFileIsNotAVggFile() throws IOException {
        Path file = RandomLpipsWeights.write(dir.resolve("alex.safetensors"), Backbone.ALEX, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            // vgg's first conv is 3×3, AlexNet's 11×11
            assertThatThrownBy(() -> LpipsDistance.load(file, Backbone.VGG16, manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("features.0.weight");
        }
    }
}
