package org.lesionsim.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.gan.DjlTestBase;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.gan.StateDict;

class E4eEncoderTest extends DjlTestBase {

    private static E4eEncoder shallow(int resolution, long seed) {
        EncoderConfig config = EncoderConfig.forGenerator(TinyGenerators.config(resolution), BackboneConfig.shallow());
        return E4eEncoder.create(config, manager.zeros(new Shape(config.wDim())), manager, seed);
    }

    private static NDArray images(NDManager m, int n, int res) {
        return m.randomUniform(-1, 1, new Shape(n, 3, res, res));
    }

    @Test
    void encodesImagesToWPlusOfTheGeneratorsShape() {
        for (int res : new int[] {32, 64}) {
            try (E4eEncoder encoder = shallow(res, 1); NDManager sm = manager.newSubManager()) {
                NDArray ws = encoder.forward(images(sm, 1, res));
                int numWs = TinyGenerators.config(res).numWs();
                assertThat(ws.getShape()).isEqualTo(new Shape(1, numWs, 32));
                assertThat(ws.isNaN().any().getBoolean()).isFalse();
            }
        }
    }

    @Test
    void refusesImagesOfAnotherResolution() {
        try (E4eEncoder encoder = shallow(32, 1); NDManager sm = manager.newSubManager()) {
            assertThatThrownBy(() -> encoder.forward(images(sm, 1, 64))).hasMessageContaining("[N, 3, 32, 32]");
        }
    }

    @Test
    void largeGeneratorsGetTheReferenceStyleSplitAndDepths() {
        // 256 px: 14 ws, styles 0-2 on the 16x16 map (4 convs), 3-6 on 32x32 (5), 7-13 on 64x64 (6), as the reference.
        for (int res : new int[] {256, 512}) {
            GeneratorConfig g = GeneratorConfig.cpu(res);
            EncoderConfig config = EncoderConfig.forGenerator(g, BackboneConfig.shallow());
            assertThat(config.coarseInd()).isEqualTo(3);
            assertThat(config.middleInd()).isEqualTo(7);
            try (StateDict params = StateDict.fresh(manager, 3)) {
                new E4eEncoder(config, params);
                int log = Integer.numberOfTrailingZeros(res);
                assertThat(params.names()).contains("styles." + (2 * log - 3) + ".linear.weight")
                        .doesNotContain("styles." + (2 * log - 2) + ".linear.weight");
                int coarseConvs = log - 4;
                assertThat(params.names()).contains("styles.0.convs." + 2 * (coarseConvs - 1) + ".weight")
                        .doesNotContain("styles.0.convs." + 2 * coarseConvs + ".weight")
                        .contains("styles.3.convs." + 2 * coarseConvs + ".weight")
                        .contains("styles.7.convs." + 2 * (coarseConvs + 1) + ".weight");
                assertThat(params.get("styles.0.linear.weight").getShape()).isEqualTo(new Shape(g.wDim(), g.wDim()));
            }
        }
    }

    @Test
    void irSe50HasTheReferenceBodyAndTapsFeaturesAtQuarterEighthSixteenth() {
        EncoderConfig config = EncoderConfig.forGenerator(TinyGenerators.config(32), BackboneConfig.irSe50());
        try (StateDict params = StateDict.fresh(manager, 5); NDManager sm = manager.newSubManager()) {
            IrSeBackbone backbone = new IrSeBackbone(params, config.backbone());
            // 24 units: body.0..23; a stage's first unit changes width (1x1 conv shortcut) except stage 1 (64 -> 64)
            assertThat(params.names()).contains("input_layer.0.weight", "input_layer.1.running_var", "input_layer.2.weight",
                    "body.23.res_layer.5.fc2.weight", "body.3.shortcut_layer.0.weight", "body.7.shortcut_layer.1.weight",
                    "body.21.shortcut_layer.0.weight").doesNotContain("body.24.res_layer.1.weight",
                    "body.0.shortcut_layer.0.weight", "body.1.shortcut_layer.0.weight");
            assertThat(params.get("body.0.res_layer.5.fc1.weight").getShape()).isEqualTo(new Shape(4, 64, 1, 1));
            IrSeBackbone.Features f = backbone.forward(images(sm, 1, 32), false);
            assertThat(f.c1().getShape()).isEqualTo(new Shape(1, 128, 8, 8));
            assertThat(f.c2().getShape()).isEqualTo(new Shape(1, 256, 4, 4));
            assertThat(f.c3().getShape()).isEqualTo(new Shape(1, 512, 2, 2));
        }
    }

    @Test
    void squeezeExcitationAndBatchNormKeepShapesAndBatchNormNormalisesInTraining() {
        try (StateDict params = StateDict.fresh(manager, 7); NDManager sm = manager.newSubManager()) {
            SqueezeExcitation se = new SqueezeExcitation(params, "se", 32, 16);
            BatchNorm2d bn = new BatchNorm2d(params, "bn", 32);
            assertThat(params.get("se.fc1.weight").getShape()).isEqualTo(new Shape(2, 32, 1, 1));
            NDArray x = sm.randomNormal(3f, 2f, new Shape(4, 32, 8, 8), ai.djl.ndarray.types.DataType.FLOAT32);
            assertThat(se.forward(x).getShape()).isEqualTo(x.getShape());
            NDArray y = bn.forward(x, true);
            assertThat(y.getShape()).isEqualTo(x.getShape());
            assertThat(Math.abs(y.mean().getFloat())).isLessThan(1e-4f);
            assertThat(y.square().mean().getFloat()).isBetween(0.99f, 1.01f);
            // running stats moved 10% of the way from (0, 1) towards the batch's (about 3, 4)
            assertThat(params.get("bn.running_mean").mean().getFloat()).isBetween(0.25f, 0.35f);
            assertThat(params.get("bn.running_var").mean().getFloat()).isBetween(1.25f, 1.35f);
            // eval mode uses those running stats: not normalised
            assertThat(bn.forward(x, false).mean().getFloat()).isGreaterThan(1f);
        }
    }

    @Test
    void progressiveStageLeavesUnopenedDeltasZero() {
        try (E4eEncoder encoder = shallow(32, 2); NDManager sm = manager.newSubManager()) {
            NDArray x = images(sm, 2, 32);
            int numWs = encoder.config().numWs();
            for (int stage : new int[] {0, 2, 4, numWs - 1}) { // 4: past coarse_ind = 3, so p2 feeds a delta
                encoder.setProgressiveStage(stage);
                E4eEncoder.Encoding enc = encoder.encode(x);
                assertThat(enc.deltas().size()).isEqualTo(stage);
                NDArray w0 = enc.ws().get(new NDIndex(":, 0, :"));
                for (int i = 1; i < numWs; i++) {
                    float diff = enc.ws().get(new NDIndex(":, {}, :", i)).sub(w0).abs().max().getFloat();
                    if (i <= stage) {
                        assertThat(diff).as("delta %d at stage %d", i, stage).isGreaterThan(0f);
                    } else {
                        assertThat(diff).as("delta %d at stage %d", i, stage).isZero();
                    }
                }
            }
        }
    }

    @Test
    void latentAvgIsAddedToEveryW() {
        EncoderConfig config = EncoderConfig.forGenerator(TinyGenerators.config(32), BackboneConfig.shallow());
        try (NDManager sm = manager.newSubManager();
                E4eEncoder zero = E4eEncoder.create(config, sm.zeros(new Shape(32)), manager, 4);
                E4eEncoder shifted = E4eEncoder.create(config, sm.ones(new Shape(32)).mul(3f), manager, 4)) {
            NDArray x = images(sm, 1, 32);
            float diff = shifted.forward(x).sub(zero.forward(x)).sub(3f).abs().max().getFloat();
            assertThat(diff).isLessThan(1e-5f);
        }
    }

    @Test
    void savedAndLoadedEncoderGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("encoder.safetensors");
        try (E4eEncoder encoder = shallow(32, 9); NDManager sm = manager.newSubManager()) {
            NDArray x = images(sm, 2, 32);
            encoder.setTraining(true);
            encoder.forward(x); // moves the BN running stats away from their initial values: they must be saved too
            encoder.setTraining(false);
            float[] before = encoder.forward(x).toFloatArray();
            encoder.save(file);
            try (E4eEncoder loaded = E4eEncoder.load(file, manager)) {
                assertThat(loaded.config()).isEqualTo(encoder.config());
                assertThat(loaded.forward(x).toFloatArray()).containsExactly(before);
            }
        }
    }
}
