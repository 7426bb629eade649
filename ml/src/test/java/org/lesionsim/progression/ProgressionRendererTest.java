package org.lesionsim.progression;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.sefa.GeneratorSefa;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.SefaResult;

/** SeFa on a (freshly initialised) generator and the latent walk rendered from it. */
class ProgressionRendererTest {
    static NDManager manager;
    static Generator generator;
    static float[][] wPlus;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        generator = Generator.create(GeneratorConfig.cpu(32), manager, 3);
        try (NDManager m = manager.newSubManager()) {
            NDArray ws = generator.mapping(m.randomNormal(new ai.djl.ndarray.types.Shape(1, generator.zDim())), 1.0);
            float[] flat = ws.toFloatArray();
            wPlus = new float[generator.numWs()][generator.wDim()];
            for (int i = 0; i < generator.numWs(); i++) {
                System.arraycopy(flat, i * generator.wDim(), wPlus[i], 0, generator.wDim());
            }
        }
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void wsIndicesFollowTheOfficialSynthesisLayout() {
        Map<String, Integer> index = GeneratorSefa.wsIndexOfLayer(generator);
        assertThat(index).containsEntry("synthesis.b4.conv1.affine.weight", 0)
                .containsEntry("synthesis.b4.torgb.affine.weight", 1)
                .containsEntry("synthesis.b8.conv0.affine.weight", 1)
                .containsEntry("synthesis.b8.conv1.affine.weight", 2)
                .containsEntry("synthesis.b32.torgb.affine.weight", generator.numWs() - 1);
    }

    @Test
    void sefaOnTheGeneratorGivesSortedUnitDirectionsOfWDim() {
        SefaResult all = GeneratorSefa.factorize(generator, LayerSelection.all());
        assertThat(all.directions()).hasNumberOfRows(generator.wDim());
        for (int k = 1; k < all.eigenvalues().length; k++) {
            assertThat(all.eigenvalues()[k]).isLessThanOrEqualTo(all.eigenvalues()[k - 1]);
        }
        double norm = 0;
        for (float v : all.directions()[0]) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(all.layerNames()).as("all = every conv + the final ToRGB (genforce's layer_idx='all')")
                .filteredOn(n -> n.contains("torgb")).singleElement()
                .satisfies(n -> assertThat(GeneratorSefa.wsIndexOfLayer(generator).get(n)).isEqualTo(generator.numWs() - 1));
        assertThat(GeneratorSefa.factorize(generator, LayerSelection.parse("0-")).layerNames()).noneMatch(n -> n.contains("torgb"));
        SefaResult coarse = GeneratorSefa.factorize(generator, LayerSelection.parse("0-1"));
        assertThat(coarse.layerNames()).containsExactly("synthesis.b4.conv1.affine.weight", "synthesis.b8.conv0.affine.weight");
    }

    @Test
    void alphaZeroReproducesTheUneditedFrameAndLargerAlphasChangeIt() {
        float[] d = GeneratorSefa.factorize(generator, LayerSelection.all()).directions()[0];
        List<BufferedImage> frames = ProgressionRenderer.render(generator, wPlus, d, LayerSelection.all(), List.of(0.0, 3.0, 6.0), manager);
        List<BufferedImage> unedited = ProgressionRenderer.render(generator, wPlus, new float[generator.wDim()], LayerSelection.all(),
                List.of(5.0), manager);
        assertThat(pixels(frames.get(0))).isEqualTo(pixels(unedited.get(0)));
        double d1 = difference(frames.get(0), frames.get(1));
        double d2 = difference(frames.get(0), frames.get(2));
        assertThat(d1).isPositive();
        assertThat(d2).isGreaterThan(d1);
    }

    /** The edited frames are one batch; each is the frame its α gives alone, but for the order of float sums (≤ 1 level). */
    @Test
    void aWalkRenderedAsOneBatchMatchesEachFrameRenderedAlone() {
        float[] d = GeneratorSefa.factorize(generator, LayerSelection.all()).directions()[0];
        List<Double> alphas = List.of(0.0, 1.0, 2.5, 4.0);
        List<BufferedImage> walk = ProgressionRenderer.render(generator, wPlus, d, LayerSelection.all(), alphas, manager);
        for (int f = 0; f < alphas.size(); f++) {
            BufferedImage alone = ProgressionRenderer.render(generator, wPlus, d, LayerSelection.all(), List.of(alphas.get(f)), manager).get(0);
            int[] a = pixels(walk.get(f));
            int[] b = pixels(alone);
            int worst = 0;
            for (int i = 0; i < a.length; i++) {
                for (int s = 0; s < 24; s += 8) {
                    worst = Math.max(worst, Math.abs((a[i] >> s & 0xff) - (b[i] >> s & 0xff)));
                }
            }
            assertThat(worst).as("α = %s", alphas.get(f)).isLessThanOrEqualTo(f == 0 ? 0 : 1);
        }
    }

    static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    static double difference(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        double sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int s = 0; s < 24; s += 8) {
                sum += Math.abs((pa[i] >> s & 0xff) - (pb[i] >> s & 0xff));
            }
        }
        return sum / pa.length;
    }
}
