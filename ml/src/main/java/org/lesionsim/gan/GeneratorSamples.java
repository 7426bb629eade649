package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lesionsim.metrics.GeneratorFidelity;
import org.lesionsim.metrics.PlanarImage;

/**
 * Images of a generator for its metrics, as StyleGAN2-ADA's metric code draws them: z ~ N(0, I)
 * from a fixed seed (the same latents for every checkpoint), no truncation, then quantised to
 * 8 bits ({@code (x · 127.5 + 128).clamp(0, 255)}) so generated images are compared in the same
 * form as the real PNGs. Out: RGB {@link PlanarImage}s in [0, 1].
 */
public final class GeneratorSamples {
    static final int BATCH = 8;

    private GeneratorSamples() {
    }

    /** {@code generator}'s samples as {@link GeneratorFidelity} draws them (FID/SWD over kimg). */
    public static GeneratorFidelity.Sampler sampler(Generator generator, NDManager manager) {
        return (count, seed) -> sample(generator, count, seed, manager);
    }

    public static List<PlanarImage> sample(Generator generator, int count, long seed, NDManager manager) {
        Random random = new Random(seed);
        int res = generator.resolution();
        int channels = generator.config().imgChannels();
        int plane = res * res;
        List<PlanarImage> images = new ArrayList<>(count);
        for (int start = 0; start < count; start += BATCH) {
            int n = Math.min(BATCH, count - start);
            float[] pixels;
            try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
                NDArray generated = generator.forward(generator.latents(step, n, random), 1.0, NoiseMode.CONST);
                pixels = generated.toFloatArray();
            }
            for (int i = 0; i < n; i++) {
                float[] v = new float[channels * plane];
                for (int k = 0; k < v.length; k++) {
                    double u8 = Math.max(0, Math.min(255, Math.floor(pixels[i * v.length + k] * 127.5 + 128)));
                    v[k] = (float) (u8 / 255.0);
                }
                images.add(new PlanarImage(channels, res, res, v));
            }
        }
        return images;
    }
}
