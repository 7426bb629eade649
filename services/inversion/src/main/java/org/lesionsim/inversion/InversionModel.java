package org.lesionsim.inversion;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.encoder.Inversion;
import org.lesionsim.encoder.LatentRefinement;
import org.lesionsim.encoder.PerceptualLoss;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.gan.Generator;

/**
 * What one encoder checkpoint serves with: the e4e encoder, the frozen generator it was trained
 * against (shipped in the same checkpoint event), and the refinement that polishes its guess.
 * Closing frees their native memory.
 */
final class InversionModel implements AutoCloseable {
    private final NDManager manager;
    private final PerceptualLoss perceptual;
    final Inversion inversion;
    final int resolution;

    private InversionModel(NDManager manager, PerceptualLoss perceptual, Inversion inversion, int resolution) {
        this.manager = manager;
        this.perceptual = perceptual;
        this.inversion = inversion;
        this.resolution = resolution;
    }

    /** The artefacts {@link #load} reads; a checkpoint's optimiser and latent discriminator are never fetched. */
    static final java.util.Set<String> ARTEFACTS = java.util.Set.of("encoder", "encoder_config", "generator_ema",
            "generator_ema_config");

    /** {@code dir} holds encoder.safetensors (+ .json) and generator_ema.safetensors (+ .json); both live on {@code device}. */
    static InversionModel load(Path dir, ComputeDevice device) throws IOException {
        NDManager manager = device.newManager();
        try {
            E4eEncoder encoder = E4eEncoder.load(dir.resolve("encoder.safetensors"), manager);
            Generator generator = Generator.load(dir.resolve("generator_ema.safetensors"), manager);
            // Refinement's perceptual term: 1 - MS-SSIM (no pretrained weights needed).
            PerceptualLoss perceptual = PerceptualLoss.msSsim(generator.resolution());
            LatentRefinement refinement = LatentRefinement.withDefaults(generator, perceptual);
            return new InversionModel(manager, perceptual, new Inversion(encoder, generator, refinement, manager),
                    generator.resolution());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void close() {
        perceptual.close();
        manager.close();
    }
}
