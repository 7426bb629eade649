package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.metrics.lpips.Backbone;

/**
 * LPIPS v0.1 with the AlexNet trunk, differentiable in its inputs, for training losses. The metric
 * class {@code metrics.lpips.LpipsDistance} copies its inputs out of the graph, so the encoder needs
 * its own forward; it reads the same weight file ({@code tools/export_lpips_weights.py --net alex}:
 * {@code features.{0,3,6,8,10}.weight/bias}, {@code lin{0..4}.model.1.weight}) and computes the same
 * formula: scale, tapped ReLU outputs, unit-normalise over channels, squared difference, 1x1 lin,
 * spatial mean, sum over layers. In: {@code [N, 3, H, W]} in [-1, 1]. Out: {@code [N]}.
 */
final class LpipsLoss implements PerceptualLoss {
    private static final float[] SHIFT = {-.030f, -.088f, -.188f};
    private static final float[] SCALE = {.458f, .448f, .450f};
    private static final double EPS = 1e-10;
    /** torchvision alexnet().features up to relu5: conv index, in, out, kernel, stride, padding, max-pool before. */
    private static final int[][] ALEX = {
        {0, 3, 64, 11, 4, 2, 0}, {3, 64, 192, 5, 1, 2, 1}, {6, 192, 384, 3, 1, 1, 1}, {8, 384, 256, 3, 1, 1, 0},
        {10, 256, 256, 3, 1, 1, 0}};

    private final NDManager manager;
    private final Map<String, NDArray> weights;

    private LpipsLoss(NDManager manager, Map<String, NDArray> weights) {
        this.manager = manager;
        this.weights = weights;
    }

    static LpipsLoss load(Path file, Backbone backbone, NDManager parent) throws IOException {
        if (backbone != Backbone.ALEX) {
            throw new IllegalArgumentException("the encoder's differentiable LPIPS supports the alex backbone only, "
                    + "configured: " + backbone);
        }
        NDManager owned = parent.newSubManager();
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, NDArray> byName = new HashMap<>();
            for (NDArray array : NDList.decode(owned, in)) {
                byName.put(array.getName(), array.toType(DataType.FLOAT32, false));
            }
            for (int[] conv : ALEX) {
                require(byName, file, "features." + conv[0] + ".weight", new Shape(conv[2], conv[1], conv[3], conv[3]));
                require(byName, file, "features." + conv[0] + ".bias", new Shape(conv[2]));
            }
            for (int k = 0; k < ALEX.length; k++) {
                require(byName, file, "lin" + k + ".model.1.weight", new Shape(1, ALEX[k][2], 1, 1));
            }
            return new LpipsLoss(owned, byName);
        } catch (IOException | RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    private static void require(Map<String, NDArray> byName, Path file, String name, Shape shape) {
        NDArray array = byName.get(name);
        if (array == null || !array.getShape().equals(shape)) {
            throw new IllegalArgumentException("LPIPS weight file " + file + ": tensor '" + name + "' is "
                    + (array == null ? "missing" : array.getShape()) + ", alex needs " + shape);
        }
    }

    @Override
    public NDArray loss(NDArray reconstruction, NDArray target) {
        NDList a = features(scale(reconstruction));
        NDList b = features(scale(target));
        NDArray value = null;
        for (int k = 0; k < a.size(); k++) {
            NDArray diff = normalise(a.get(k)).sub(normalise(b.get(k))).square();
            NDArray weighted = Conv2d.conv2d(diff, view(diff, "lin" + k + ".model.1.weight")).singletonOrThrow();
            long pixels = weighted.getShape().get(2) * weighted.getShape().get(3);
            NDArray layer = StepArrays.mul(weighted.sum(new int[] {1, 2, 3}), 1.0 / pixels);
            value = value == null ? layer : value.add(layer);
        }
        return value;
    }

    @Override
    public String describe() {
        return "lpips(alex)";
    }

    private NDList features(NDArray x) {
        NDList taps = new NDList();
        for (int[] c : ALEX) {
            if (c[6] == 1) {
                x = Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false);
            }
            x = Conv2d.conv2d(x, view(x, "features." + c[0] + ".weight"), view(x, "features." + c[0] + ".bias"),
                    new Shape(c[4], c[4]), new Shape(c[5], c[5]), new Shape(1, 1), 1).singletonOrThrow();
            x = Activation.relu(x);
            taps.add(x);
        }
        return taps;
    }

    private NDArray view(NDArray like, String name) {
        return StepArrays.view(like, weights.get(name));
    }

    private static NDArray scale(NDArray x) {
        NDManager m = x.getManager();
        return x.sub(m.create(SHIFT, new Shape(1, 3, 1, 1))).div(m.create(SCALE, new Shape(1, 3, 1, 1)));
    }

    private static NDArray normalise(NDArray x) {
        NDArray norm = x.square().sum(new int[] {1}, true).sqrt();
        return x.div(StepArrays.add(norm, EPS));
    }

    @Override
    public void close() {
        manager.close();
    }
}
