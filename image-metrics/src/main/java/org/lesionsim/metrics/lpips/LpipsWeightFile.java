package org.lesionsim.metrics.lpips;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the safetensors file written by {@code tools/export_lpips_weights.py} and checks every
 * tensor a backbone needs by name and shape: torchvision's {@code features.<i>.weight/bias} and
 * LPIPS's {@code lin<k>.model.1.weight} ([1, C, 1, 1], non-negative as its training clamps them).
 * A missing or misshapen tensor is an {@link IllegalArgumentException} naming it and the file.
 */
final class LpipsWeightFile {
    private LpipsWeightFile() {
    }

    static String linName(int k) {
        return "lin" + k + ".model.1.weight";
    }

    /** The tensors {@code backbone} needs, name → shape, in network order. */
    static Map<String, Shape> expectedShapes(Backbone backbone) {
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (FeatureLayer layer : backbone.layers()) {
            if (layer instanceof FeatureLayer.Conv c) {
                expected.put(c.weightName(), new Shape(c.out(), c.in(), c.kernel(), c.kernel()));
                expected.put(c.biasName(), new Shape(c.out()));
            }
        }
        List<Integer> channels = backbone.tapChannels();
        for (int k = 0; k < channels.size(); k++) {
            expected.put(linName(k), new Shape(1, channels.get(k), 1, 1));
        }
        return expected;
    }

    /** Arrays are float32 on {@code manager}; the caller owns and closes it. */
    static Map<String, NDArray> read(Path file, Backbone backbone, NDManager manager) throws IOException {
        Map<String, NDArray> found = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (NDArray array : NDList.decode(manager, in)) {
                found.put(array.getName(), array);
            }
        }
        Map<String, NDArray> weights = new HashMap<>();
        for (Map.Entry<String, Shape> entry : expectedShapes(backbone).entrySet()) {
            String name = entry.getKey();
            NDArray array = found.get(name);
            if (array == null) {
                throw new IllegalArgumentException("LPIPS weight file " + file + " lacks tensor '" + name
                        + "' needed by the " + backbone + " backbone; write it with tools/export_lpips_weights.py --net "
                        + backbone.lpipsName());
            }
            if (!array.getShape().equals(entry.getValue())) {
                throw new IllegalArgumentException("LPIPS weight file " + file + ": tensor '" + name + "' has shape "
                        + array.getShape() + ", the " + backbone + " backbone needs " + entry.getValue());
            }
            NDArray weight = array.toType(DataType.FLOAT32, false);
            if (name.startsWith("lin") && weight.lt(0f).any().getBoolean()) {
                throw new IllegalArgumentException("LPIPS weight file " + file + ": tensor '" + name
                        + "' has negative weights; LPIPS's learned weights are non-negative, so this is not an LPIPS file");
            }
            weights.put(name, weight);
        }
        return weights;
    }
}
