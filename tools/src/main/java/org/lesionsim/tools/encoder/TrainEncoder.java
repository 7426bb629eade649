package org.lesionsim.tools.encoder;

import org.lesionsim.tools.Commands;
import org.lesionsim.encoder.BackboneConfig;
import org.lesionsim.encoder.EncoderConfig;
import org.lesionsim.encoder.EncoderTraining;
import org.lesionsim.encoder.EncoderTrainingOptions;
import org.lesionsim.encoder.GeneratorId;
import org.lesionsim.encoder.PerceptualLoss;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.gan.training.TrainingLoop;
import org.lesionsim.metrics.lpips.LpipsConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line encoder training:
 * <pre>
 *   TrainEncoder --generator DIR --out DIR [--data DIR] [--steps N] [--resume] [--depth shallow|50]
 *                [--batch N] [--lr X] [--progressive-start N] [--progressive-every N] [--snapshot-every N]
 *                [--latent-lambda X]
 * </pre>
 * {@code --generator} is a checkpoint directory written by {@code gan.training} (its
 * {@code generator_ema.safetensors}, else {@code generator.safetensors}); {@code --data} an optional
 * folder of real PNGs at the generator's resolution, used every second step. LPIPS is used when
 * {@code lesionsim.lpips.weights} / {@code LESIONSIM_LPIPS_WEIGHTS} names a weights file, else
 * 1 - MS-SSIM. {@code --latent-lambda} adds the supervised latent term on generated images (0, e4e's
 * losses only, by default). Checkpoints go to {@code --out/encoder-<step>}; {@code --resume} continues the newest.
 * Run with {@code -Dai.djl.offline=true}.
 */
@Command(name = "TrainEncoder", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "e4e encoder training against a frozen generator checkpoint.")
public final class TrainEncoder implements Callable<Integer> {
    @Option(names = "--generator", required = true, paramLabel = "DIR", description = "a checkpoint directory written by TrainGan")
    private Path generatorDir;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "checkpoints go to DIR/encoder-<step>")
    private Path out;
    @Option(names = "--data", paramLabel = "DIR", description = "real PNGs at the generator's resolution, used every second step")
    private Path dataDir;
    @Option(names = "--steps", paramLabel = "N")
    private long steps = 2000;
    @Option(names = "--resume", description = "continue the newest checkpoint in --out")
    private boolean resume;
    @Option(names = "--depth", paramLabel = "shallow|50", description = "the backbone: shallow, or IR-SE-50")
    private String depth = "shallow";
    @Option(names = "--batch", paramLabel = "N")
    private int batch = 4;
    @Option(names = "--lr", paramLabel = "X")
    private double lr = 1e-4;
    @Option(names = "--progressive-start", paramLabel = "N", description = "default: steps / 4")
    private Long progressiveStart;
    @Option(names = "--progressive-every", paramLabel = "N", description = "default: steps / 40")
    private Long progressiveEvery;
    @Option(names = "--snapshot-every", paramLabel = "N")
    private long snapshotEvery = 500;
    @Option(names = "--latent-lambda", paramLabel = "X", description = "the supervised latent term on generated images")
    private double latentLambda;

    public static void main(String[] args) {
        Commands.run(new TrainEncoder(), args);
    }

    @Override
    public Integer call() throws IOException {
        Path generatorFile = generatorDir.resolve(TrainingLoop.GENERATOR_EMA);
        if (!Files.exists(generatorFile)) {
            generatorFile = generatorDir.resolve(TrainingLoop.GENERATOR);
        }
        if (!Files.exists(generatorFile)) {
            throw new IOException("no " + TrainingLoop.GENERATOR_EMA + " or " + TrainingLoop.GENERATOR + " in " + generatorDir
                    + " (pass a checkpoint directory written by TrainGan)");
        }
        String generatorId = GeneratorId.of(generatorFile);
        try (NDManager manager = NDManager.newBaseManager(); Generator generator = Generator.load(generatorFile, manager)) {
            ImageDataset data = dataDir != null ? ImageDataset.fromFolder(dataDir, generator.resolution(), false) : null;
            try (PerceptualLoss perceptual = PerceptualLoss.choose(LpipsConfiguration.fromEnvironment(),
                    generator.resolution(), manager)) {
                Optional<Path> latest = resume ? EncoderTraining.latestSnapshot(out) : Optional.empty();
                EncoderTraining training;
                if (latest.isPresent()) {
                    System.out.println("resuming " + latest.get());
                    training = EncoderTraining.resume(latest.get(), generator, generatorId, perceptual, data, manager);
                } else {
                    BackboneConfig backbone = "50".equals(depth)
                            ? BackboneConfig.irSe50() : BackboneConfig.shallow();
                    EncoderTrainingOptions options = EncoderTrainingOptions.e4eDefaults()
                            .withBatch(batch)
                            .withLr(lr)
                            .withProgressive(progressiveStart != null ? progressiveStart : steps / 4,
                                    progressiveEvery != null ? progressiveEvery : Math.max(1, steps / 40))
                            .withRealImageEvery(data == null ? 0 : 2)
                            .withLatentLambda(latentLambda);
                    training = EncoderTraining.create(generator, generatorId,
                            EncoderConfig.forGenerator(generator.config(), backbone), options, perceptual, data, manager);
                }
                try (training) {
                    System.out.println("perceptual loss: " + perceptual.describe() + "; generator " + generatorId);
                    long start = System.nanoTime();
                    long firstStep = training.stepCount();
                    while (training.stepCount() < steps) {
                        EncoderTraining.StepReport r = training.step();
                        if (r.step() % 50 == 0 || training.stepCount() == steps) {
                            System.out.printf(Locale.ROOT, "step %d stage %d loss %.4f l2 %.4f perc %.4f delta %.3f adv %.4f"
                                    + " D %.4f latentMSE %.4f  %.0f ms/step%n", r.step(), r.stage(), r.loss(), r.l2(),
                                    r.perceptual(), r.deltaReg(), r.adversarial(), r.discriminator(), r.latentError(),
                                    (System.nanoTime() - start) / 1e6 / (training.stepCount() - firstStep));
                        }
                        if (training.stepCount() % snapshotEvery == 0 || training.stepCount() == steps) {
                            System.out.println("checkpoint " + training.snapshotInto(out));
                        }
                    }
                    EncoderTraining.Evaluation e = training.evaluate(64, 20261124L);
                    System.out.printf(Locale.ROOT, "held-out generated images: latent MSE encoder %.4f vs w_avg %.4f;"
                            + " reconstruction L2 encoder %.4f vs w_avg %.4f%n", e.encoderLatentError(), e.wAvgLatentError(),
                            e.encoderReconstructionL2(), e.wAvgReconstructionL2());
                }
            }
        }
        return 0;
    }
}
