package org.lesionsim.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.metrics.PlanarImage;

/**
 * LPIPS on the full AlexNet trunk, loaded from a safetensors file with torchvision/LPIPS tensor names
 * (seeded random weights: the official ones are not available to tests). Protects the metric's
 * properties — zero on identical images, symmetric, positive on different ones — and torchvision's
 * feature-map geometry.
 */
class LpipsDistanceTest {
    @TempDir
    static Path dir;
    private static NDManager manager;
    private static LpipsDistance lpips;

    @BeforeAll
    static void load() throws IOException {
        Path file = RandomLpipsWeights.write(dir.resolve("alex.safetensors"), Backbone.ALEX, 42);
        manager = NDManager.newBaseManager();
        lpips = LpipsDistance.load(file, Backbone.ALEX, manager);
    }

    @AfterAll
    static void close() {
        lpips.close();
        manager.close();
    }

    @Test
    void identicalImagesAreAtDistanceZero() {
        PlanarImage x = image(new Random(1));
        assertThat(lpips.distance(x, x)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void distanceIsSymmetricAndPositive() {
        Random random = new Random(2);
        PlanarImage x = image(random);
        PlanarImage y = image(random);
        double xy = lpips.distance(x, y);
        assertThat(xy).isGreaterThan(1e-3);
        assertThat(lpips.distance(y, x)).isCloseTo(xy, within(1e-6 * xy));
    }

    @Test
    void batchOfPairsMatchesPairsOneByOne() {
        Random random = new Random(3);
        PlanarImage[] a = {image(random), image(random)};
        PlanarImage[] b = {image(random), a[1]};
        try (NDManager m = manager.newSubManager()) {
            NDArray in0 = batch(m, a);
            NDArray in1 = batch(m, b);
            float[] batch = lpips.distances(in0, in1);
            assertThat(batch).hasSize(2);
            assertThat((double) batch[0]).isCloseTo(lpips.distance(a[0], b[0]), within(1e-5));
            assertThat((double) batch[1]).isCloseTo(0.0, within(1e-9));
        }
    }

    @Test
    void alexNetTapsHaveTorchvisionShapes() throws IOException {
        // 64×64: conv1 (k11 s4 p2) → 15, maxpool(3, 2) → 7, conv2 → 7, maxpool → 3, conv3..5 → 3
        try (NDManager m = manager.newSubManager()) {
            Path file = RandomLpipsWeights.write(dir.resolve("shapes.safetensors"), Backbone.ALEX, 5);
            var weights = LpipsWeightFile.read(file, Backbone.ALEX, m);
            NDList taps = new FeatureNetwork(Backbone.ALEX.layers(), weights).apply(m.zeros(new Shape(1, 3, 64, 64)));
            assertThat(taps.stream().map(NDArray::getShape).toList()).containsExactly(
                    new Shape(1, 64, 15, 15), new Shape(1, 192, 7, 7), new Shape(1, 384, 3, 3),
                    new Shape(1, 256, 3, 3), new Shape(1, 256, 3, 3));
        }
    }

    @Test
    void vgg16RunsAndTapsHaveTorchvisionShapes() throws IOException {
        // 32×32: relu1_2 at full size, then one 2×2 max-pool before each later tap
        Path file = RandomLpipsWeights.write(dir.resolve("vgg.safetensors"), Backbone.VGG16, 6);
        try (NDManager m = manager.newSubManager()) {
            var weights = LpipsWeightFile.read(file, Backbone.VGG16, m);
            NDList taps = new FeatureNetwork(Backbone.VGG16.layers(), weights).apply(m.zeros(new Shape(1, 3, 32, 32)));
            assertThat(taps.stream().map(NDArray::getShape).toList()).containsExactly(
                    new Shape(1, 64, 32, 32), new Shape(1, 128, 16, 16), new Shape(1, 256, 8, 8),
                    new Shape(1, 512, 4, 4), new Shape(1, 512, 2, 2));
        }
        try (LpipsDistance vgg = LpipsDistance.load(file, Backbone.VGG16, manager)) {
            Random random = new Random(4);
            PlanarImage x = image(random);
            PlanarImage y = image(random);
            assertThat(vgg.distance(x, x)).isCloseTo(0.0, within(1e-9));
            assertThat(vgg.distance(x, y)).isGreaterThan(1e-3);
        }
    }

    @Test
    void backbonesTapTheReferenceChannels() {
        assertThat(Backbone.ALEX.tapChannels()).containsExactly(64, 192, 384, 256, 256);
        assertThat(Backbone.VGG16.tapChannels()).containsExactly(64, 128, 256, 512, 512);
        // vgg16 features: 13 convs, the last at index 28, taps after ReLUs 3, 8, 15, 22, 29
        var vgg = LpipsWeightFile.expectedShapes(Backbone.VGG16);
        assertThat(vgg).containsEntry("features.28.weight", new Shape(512, 512, 3, 3))
                .containsEntry("features.0.weight", new Shape(64, 3, 3, 3))
                .containsEntry("lin4.model.1.weight", new Shape(1, 512, 1, 1))
                .hasSize(13 * 2 + 5);
        List<Integer> tapped = Backbone.VGG16.layers().stream()
                .filter(l -> l instanceof FeatureLayer.Relu r && r.tapped())
                .map(l -> ((FeatureLayer.Relu) l).index()).toList();
        assertThat(tapped).containsExactly(3, 8, 15, 22, 29);
        assertThat(LpipsWeightFile.expectedShapes(Backbone.ALEX))
                .containsEntry("features.10.weight", new Shape(256, 256, 3, 3))
                .containsEntry("lin2.model.1.weight", new Shape(1, 384, 1, 1))
                .hasSize(5 * 2 + 5);
    }

    private static NDArray batch(NDManager m, PlanarImage[] images) {
        NDList list = new NDList();
        for (PlanarImage image : images) {
            list.add(m.create(image.values(), new Shape(1, 3, image.height(), image.width())).mul(2f).sub(1f));
        }
        return ai.djl.ndarray.NDArrays.concat(list);
    }

    /** A smooth random colour field in [0, 1], 64×64. */
    private static PlanarImage image(Random random) {
        int h = 64;
        int w = 64;
        float[] v = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            double fx = 1 + random.nextDouble() * 4;
            double fy = 1 + random.nextDouble() * 4;
            double phase = random.nextDouble() * 6;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0.5 + 0.4 * Math.sin(fx * x / w * 6.28 + phase) * Math.cos(fy * y / h * 6.28);
                    v[(c * h + y) * w + x] = (float) (s + 0.05 * random.nextGaussian());
                }
            }
        }
        return new PlanarImage(3, h, w, v);
    }
}
