package org.lesionsim.metrics.lpips;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Seeded random weights under the real tensor names and shapes, written as safetensors: stand-ins
 * for the official file, which is not available to tests. Convolutions use He scaling so features
 * neither vanish nor explode; lin weights are |N(0, 1)| (non-negative, like the real ones).
 */
final class RandomLpipsWeights {
    private RandomLpipsWeights() {
    }

    static Path write(Path file, Backbone backbone, long seed) throws IOException {
        return write(file, backbone, seed, (name, shape) -> shape);
    }

    /** {@code reshape} may change a tensor's shape (or return null to leave it out) to make bad files. */
    static Path write(Path file, Backbone backbone, long seed, BiFunction<String, Shape, Shape> reshape) throws IOException {
        Random random = new Random(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList list = new NDList();
            for (Map.Entry<String, Shape> entry : LpipsWeightFile.expectedShapes(backbone).entrySet()) {
                Shape shape = reshape.apply(entry.getKey(), entry.getValue());
                if (shape == null) {
                    continue;
                }
                boolean lin = entry.getKey().startsWith("lin");
                boolean bias = entry.getKey().endsWith(".bias");
                long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : 1;
                double std = lin ? 1 : bias ? 0.01 : Math.sqrt(2.0 / fanIn);
                float[] values = new float[(int) shape.size()];
                for (int i = 0; i < values.length; i++) {
                    double g = random.nextGaussian() * std;
                    values[i] = (float) (lin ? Math.abs(g) : g);
                }
                NDArray array = manager.create(values, shape);
                array.setName(entry.getKey());
                list.add(array);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                list.encode(out, NDList.Encoding.SAFETENSORS);
            }
        }
        return file;
    }
}
