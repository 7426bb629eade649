package org.lesionsim.tools.bench;

import org.lesionsim.tools.Commands;
import org.lesionsim.encoder.BackboneConfig;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.encoder.EncoderConfig;
import org.lesionsim.encoder.Inversion;
import org.lesionsim.encoder.LatentRefinement;
import org.lesionsim.encoder.PerceptualLoss;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.gan.NoiseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints inversion time per image at 64x64 with the shallow IR-SE encoder against the CPU
 * generator ({@link GeneratorConfig#cpu}), without refinement and with 20 / 100 refinement steps.
 * Untrained weights: the time does not depend on them. Run with {@code -Dai.djl.offline=true}.
 */
@Command(name = "EncoderBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Inversion time per image with the shallow IR-SE encoder, without and with refinement.")
public final class EncoderBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RESOLUTION")
    private int res = 64;

    public static void main(String[] args) {
        Commands.run(new EncoderBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                Generator generator = Generator.create(GeneratorConfig.cpu(res), manager, 1);
                E4eEncoder encoder = E4eEncoder.create(EncoderConfig.forGenerator(generator.config(), BackboneConfig.shallow()),
                        generator.wAvg(), manager, 2);
                PerceptualLoss perceptual = PerceptualLoss.msSsim(res)) {
            Inversion inversion = new Inversion(encoder, generator, LatentRefinement.withDefaults(generator, perceptual), manager);
            float[] image;
            try (NDManager sm = manager.newSubManager()) {
                image = generator.forward(sm.randomNormal(new Shape(1, generator.zDim())), 1.0, NoiseMode.CONST).toFloatArray();
            }
            System.out.printf(Locale.ROOT, "%dx%d, encoder %d parameters (shallow IR-SE), generator %d parameters, %s%n",
                    res, res, encoder.stateDict().parameterCount(), generator.stateDict().parameterCount(), perceptual.describe());
            for (int steps : new int[] {0, 20, 100}) {
                int runs = steps == 0 ? 50 : steps == 20 ? 5 : 2;
                inversion.invert(image, steps); // warm-up
                long start = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    inversion.invert(image, steps);
                }
                double ms = (System.nanoTime() - start) / 1e6 / runs;
                System.out.printf(Locale.ROOT, "inversion, %3d refinement steps: %8.1f ms/image%n", steps, ms);
            }
        }
        return 0;
    }
}
