package org.lesionsim.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our networks compute what NVlabs/stylegan2-ada-pytorch computes: tiny G and D with official tensor
 * names, outputs recorded from the reference code (see reference/README.md).
 */
class ReferenceOutputsTest {

    static Path resource(String name) throws Exception {
        return Path.of(ReferenceOutputsTest.class.getResource("reference/" + name).toURI());
    }

    static Map<String, NDArray> read(NDManager manager, String name) throws Exception {
        Map<String, NDArray> out = new HashMap<>();
        try (InputStream in = Files.newInputStream(resource(name))) {
            for (NDArray a : NDList.decode(manager, in)) {
                out.put(a.getName(), a);
            }
        }
        return out;
    }

    /** Largest absolute difference relative to the reference's largest magnitude. */
    static double relativeError(NDArray ours, NDArray reference) {
        assertThat(ours.getShape()).isEqualTo(reference.getShape());
        return ours.sub(reference).abs().max().getFloat() / reference.abs().max().getFloat();
    }

    @Test
    void generatorAndDiscriminatorMatchTheReferenceImplementation() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Generator g = Generator.load(resource("generator.safetensors"), manager);
                Discriminator d = Discriminator.load(resource("discriminator.safetensors"), manager)) {
            NDArray z = read(manager, "z.safetensors").get("z");
            Map<String, NDArray> ref = read(manager, "reference_io.safetensors");

            NDArray ws = g.mapping(z, 0.6, 3, false);
            assertThat(relativeError(ws, ref.get("ws"))).isLessThan(1e-5);
            NDArray img = g.synthesis(ref.get("ws"), NoiseMode.CONST, true);
            assertThat(relativeError(img, ref.get("img"))).isLessThan(1e-5);
            assertThat(relativeError(g.synthesis(ref.get("ws"), NoiseMode.CONST, false), ref.get("img_non_fused"))).isLessThan(1e-5);

            d.stateDict().requireGradients();
            NDArray x = ref.get("img").duplicate();
            x.setRequiresGradient(true);
            NDArray logits;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                logits = d.forward(x);
                collector.backward(logits.sum());
            }
            assertThat(relativeError(logits, ref.get("logits"))).isLessThan(1e-5);
            assertThat(relativeError(x.getGradient(), ref.get("dimg"))).isLessThan(1e-5);
        }
    }
}
