package org.lesionsim.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reference's mixed precision ({@code num_fp16_res}, FP16 blocks with conv_clamp 256), checked on
 * the CPU with {@link Precision#MIXED_ANY_DEVICE}: what a GPU computes stays close to FP32, and the
 * default never turns FP16 on off a GPU.
 */
class MixedPrecisionTest extends DjlTestBase {
    static final GeneratorConfig G16 = new GeneratorConfig(32, 32, 32, 2, 512, 32, 3, 256f, 0.01f, 0.995f, 2);
    static final DiscriminatorConfig D16 = new DiscriminatorConfig(32, 512, 32, 3, 4, 1, 256f, 2);

    @Test
    void theFp16BlocksAreTheReferencesHighestResolutions() {
        GeneratorConfig auto = GeneratorConfig.auto(64);
        assertThat(List.of(4, 8, 16, 32, 64).stream().filter(auto::fp16Block).toList()).containsExactly(8, 16, 32, 64);
        assertThat(List.of(4, 8, 16, 32, 64, 128, 256).stream().filter(GeneratorConfig.paper256()::fp16Block).toList())
                .containsExactly(32, 64, 128, 256);
        assertThat(DiscriminatorConfig.auto(64).fp16Block(8)).isTrue();
        assertThat(DiscriminatorConfig.auto(64).fp16Block(4)).isFalse(); // fp16_resolution is at least 8
        assertThat(GeneratorConfig.cpu(64).fp16Block(64)).isFalse();
        assertThat(List.of(4, 8, 16, 32).stream().filter(G16::fp16Block).toList()).containsExactly(16, 32);
    }

    @Test
    void mixedGeneratorStaysCloseToFp32AndTheDefaultIsFp32OnTheCpu() {
        try (NDManager m = manager.newSubManager(); Generator g = Generator.create(G16, m, 3)) {
            NDArray z = g.latents(m, 4, new Random(5));
            NDArray ws = g.mapping(z, 1.0);
            NDArray fp32 = g.precision(Precision.FP32).synthesis(ws, NoiseMode.CONST);
            NDArray onCpu = g.precision(Precision.MIXED_ON_GPU).synthesis(ws, NoiseMode.CONST);
            NDArray mixed = g.precision(Precision.MIXED_ANY_DEVICE).synthesis(ws, NoiseMode.CONST);

            assertThat(onCpu.toFloatArray()).containsExactly(fp32.toFloatArray()); // no FP16 off a GPU by default
            assertThat(mixed.getDataType()).isEqualTo(DataType.FLOAT32); // the image is FP32 in every block
            double scale = fp32.abs().mean().getFloat();
            double error = mixed.sub(fp32).abs().max().getFloat();
            assertThat(mixed.isNaN().any().getBoolean()).isFalse();
            assertThat(error).isGreaterThan(0).isLessThan(0.02 * scale + 1e-3); // FP16 rounding, nothing worse
            // The fused (per-sample) form in FP16 for a single sample agrees too.
            NDArray one = g.synthesis(ws.get("0:1"), NoiseMode.CONST, true);
            assertThat(one.sub(fp32.get("0:1")).abs().max().getFloat()).isLessThan((float) (0.02 * scale + 1e-3));
        }
    }

    @Test
    void mixedDiscriminatorAndItsGradientsStayCloseToFp32() {
        try (NDManager m = manager.newSubManager(); Discriminator d = Discriminator.create(D16, m, 7)) {
            d.stateDict().requireGradients();
            NDArray img = m.randomUniform(-1, 1, new Shape(4, 3, 32, 32), DataType.FLOAT32);
            float[][] logits = new float[2][];
            float[][] gradients = new float[2][];
            Precision[] precisions = {Precision.FP32, Precision.MIXED_ANY_DEVICE};
            NDArray weight = d.stateDict().parameters().get("b32.conv0.weight");
            for (int i = 0; i < 2; i++) {
                d.precision(precisions[i]);
                try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                    NDArray out = d.forward(img);
                    assertThat(out.getDataType()).isEqualTo(DataType.FLOAT32); // the epilogue is FP32
                    logits[i] = out.toFloatArray();
                    collector.backward(out.sum());
                }
                gradients[i] = weight.getGradient().toFloatArray();
                weight.getGradient().subi(weight.getGradient());
            }
            assertThat(logits[1]).doesNotContain(Float.NaN);
            for (int i = 0; i < logits[0].length; i++) {
                assertThat((double) logits[1][i]).isCloseTo(logits[0][i], org.assertj.core.data.Offset.offset(
                        0.02 * Math.abs(logits[0][i]) + 2e-3));
            }
            double norm = 0;
            double diff = 0;
            for (int i = 0; i < gradients[0].length; i++) {
                norm += gradients[0][i] * (double) gradients[0][i];
                diff += Math.pow(gradients[1][i] - gradients[0][i], 2);
            }
            assertThat(norm).isGreaterThan(0);
            assertThat(Math.sqrt(diff / norm)).isLessThan(0.02); // the backward pass through the FP16 block too
        }
    }
}
