package org.lesionsim.metrics.fid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Seeded random weights under pytorch-fid's tensor names and shapes, written as safetensors: a
 * stand-in for the real {@code pt_inception-2015-12-05} file, which tests cannot have. Only for
 * testing the pipeline; nothing measured on them is an FID. Convolutions are He-uniform so features
 * neither vanish nor explode over 48 layers; BatchNorm statistics are random but tame, so the folding
 * is exercised.
 */
final class RandomInceptionWeights {
    private RandomInceptionWeights() {
    }

    static Path write(Path file, long seed) throws IOException {
        return write(file, seed, (name, shape) -> shape);
    }

    /** {@code reshape} may change a tensor's shape (or return null to leave it out) to make bad files. */
    static Path write(Path file, long seed, BiFunction<String, Shape, Shape> reshape) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList list = new NDList();
            for (Map.Entry<String, Shape> entry : InceptionWeightFile.expectedShapes().entrySet()) {
                String name = entry.getKey();
                Shape shape = reshape.apply(name, entry.getValue());
                if (shape == null) {
                    continue;
                }
                float[] values = new float[(int) shape.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) sample(name, shape, random);
                }
                NDArray array = manager.create(values, shape);
                array.setName(name);
                list.add(array);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                list.encode(out, NDList.Encoding.SAFETENSORS);
            }
        }
        return file;
    }

    private static double sample(String name, Shape shape, SplittableRandom random) {
        if (name.endsWith(".conv.weight")) {
            double fanIn = (double) shape.size() / shape.get(0);
            double bound = Math.sqrt(6.0 / fanIn); // He-uniform: variance 2 / fan-in
            return random.nextDouble(-bound, bound);
        }
        if (name.endsWith(".bn.weight") || name.endsWith(".bn.running_var")) {
            return random.nextDouble(0.8, 1.2);
        }
        return random.nextDouble(-0.05, 0.05); // bn.bias, bn.running_mean
    }
}
