package org.lesionsim.metrics.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.metrics.PlanarImage;

/** The FID Inception-v3 on random weights: its tensors, its output shape, and its weight checks. */
class FidInceptionV3Test {
    @TempDir
    static Path dir;
    static Path weights;
    static NDManager manager;

    @BeforeAll
    static void writeWeights() throws Exception {
        weights = RandomInceptionWeights.write(dir.resolve("random-inception.safetensors"), 7);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void theNetworkHasTorchvisionsInceptionV3ParametersWithoutItsClassifiers() {
        // torchvision's inception_v3 has 27,161,264 trainable parameters; less fc (2048·1000 + 1000)
        // and AuxLogits (98,560 + 2,459,136 + 769,000) leaves 21,785,568 in the trunk FID uses
        long trainable = 0;
        for (BasicConv2d conv : FidInceptionV3.convs()) {
            trainable += new Shape(conv.out(), conv.in(), conv.kernelH(), conv.kernelW()).size() + 2L * conv.out();
        }
        assertThat(trainable).isEqualTo(21_785_568L);
        assertThat(FidInceptionV3.convs()).hasSize(94);
        assertThat(InceptionWeightFile.expectedShapes()).hasSize(470)
                .containsEntry("Conv2d_1a_3x3.conv.weight", new Shape(32, 3, 3, 3))
                .containsEntry("Mixed_5b.branch1x1.bn.running_mean", new Shape(64))
                .containsEntry("Mixed_7c.branch3x3dbl_3b.conv.weight", new Shape(384, 384, 3, 1))
                .containsEntry("Mixed_7c.branch_pool.conv.weight", new Shape(192, 2048, 1, 1));
    }

    @Test
    void givesOne2048dFeatureVectorPerImageThatDependsOnTheImage() throws Exception {
        try (InceptionFeatureExtractor extractor = InceptionFeatureExtractor.load(weights, FidResize.CLEAN_BICUBIC, 75, manager)) {
            List<PlanarImage> images = List.of(lesion(1, 0.0), lesion(2, 1.0), lesion(1, 0.0));
            List<float[]> features = extractor.features(images);
            assertThat(features).hasSize(3);
            for (float[] f : features) {
                assertThat(f).hasSize(2048);
                for (float v : f) {
                    assertThat(Float.isFinite(v) && v >= 0).as("pool3 of ReLU outputs is finite and non-negative").isTrue();
                }
            }
            assertThat(features.get(0)).containsExactly(features.get(2));
            assertThat(features.get(0)).isNotEqualTo(features.get(1));
        }
    }

    @Test
    void refusesInputsBelowTheNetworksMinimum() {
        assertThatThrownBy(() -> InceptionFeatureExtractor.load(weights, FidResize.CLEAN_BICUBIC, 74, manager))
                .hasMessageContaining("75");
    }

    @Test
    void aFileWithoutOneTensorFailsNamingIt() throws Exception {
        String missing = "Mixed_6c.branch7x7dbl_3.bn.running_var";
        Path broken = RandomInceptionWeights.write(dir.resolve("missing.safetensors"), 8,
                (name, shape) -> name.equals(missing) ? null : shape);
        assertThatThrownBy(() -> InceptionFeatureExtractor.load(broken, FidResize.CLEAN_BICUBIC, 75, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + missing + "'")
                .hasMessageContaining(broken.toString());
    }

    @Test
    void aTensorOfTheWrongShapeFailsNamingIt() throws Exception {
        String misshapen = "Mixed_5b.branch_pool.conv.weight";
        Path broken = RandomInceptionWeights.write(dir.resolve("misshapen.safetensors"), 9,
                (name, shape) -> name.equals(misshapen) ? new Shape(64, 192, 1, 1) : shape);
        assertThatThrownBy(() -> InceptionFeatureExtractor.load(broken, FidResize.CLEAN_BICUBIC, 75, manager))
                .hasMessageContaining("'" + misshapen + "'")
                .hasMessageContaining("(32, 192, 1, 1)");
    }

    static PlanarImage lesion(long seed, double t) {
        return PlanarImage.fromBufferedImage(LesionRenderer.render(seed, t, 64, 64).image());
    }
}
