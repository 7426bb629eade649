package org.lesionsim.metrics.fid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the safetensors file written by {@code tools/export_inception_weights.py}: pytorch-fid's
 * {@code pt_inception-2015-12-05} state_dict under its own (torchvision's) names, e.g.
 * {@code Conv2d_1a_3x3.conv.weight}, {@code Mixed_5b.branch1x1.bn.running_var}; {@code fc.*} is not
 * needed and ignored. Every tensor the network needs is checked by name and shape; a missing or
 * misshapen one is an {@link IllegalArgumentException} naming it and the file.
 */
final class InceptionWeightFile {
    private InceptionWeightFile() {
    }

    /** The tensors the network needs, name → shape, in network order (470 tensors). */
    static Map<String, Shape> expectedShapes() {
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (BasicConv2d conv : FidInceptionV3.convs()) {
            expected.putAll(conv.tensorShapes());
        }
        return expected;
    }

    /** The checked tensors as float32 on {@code manager}; the caller owns and closes it. */
    static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        Map<String, NDArray> found = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (NDArray array : NDList.decode(manager, in)) {
                found.put(array.getName(), array);
            }
        }
        Map<String, NDArray> weights = new HashMap<>();
        for (Map.Entry<String, Shape> entry : expectedShapes().entrySet()) {
            String name = entry.getKey();
            NDArray array = found.get(name);
            if (array == null) {
                throw new IllegalArgumentException("FID Inception weight file " + file + " lacks tensor '" + name
                        + "'; write the file with " + FidConfiguration.EXPORT_COMMAND);
            }
            if (!array.getShape().equals(entry.getValue())) {
                throw new IllegalArgumentException("FID Inception weight file " + file + ": tensor '" + name + "' has shape "
                        + array.getShape() + ", Inception-v3 needs " + entry.getValue());
            }
            weights.put(name, array.toType(DataType.FLOAT32, false));
        }
        return weights;
    }

    /** Lower-case hex SHA-256 of the file's bytes, read in a stream. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
