package org.lesionsim.tools.encoder;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lesionsim.data.CommandLineArgs;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.gan.training.TrainingLoop;
import org.lesionsim.metrics.lpips.LpipsConfiguration;

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
public final class TrainEncoder {
    private TrainEncoder() {
    }

    public static void main(String[] args) throws IOException {
        CommandLineArgs cli = CommandLineArgs.parse(args, Set.of("resume"), "--generator DIR --out DIR [--data DIR] "
                + "[--steps N] [--resume] [--depth shallow|50] [--batch N] [--lr X] [--latent-lambda X] ...");
        Map<String, String> a = cli.asMap();
        Path generatorDir = Path.of(cli.required("generator"));
        Path out = Path.of(cli.required("out"));
        long steps = Long.parseLong(a.getOrDefault("steps", "2000"));
        long snapshotEvery = Long.parseLong(a.getOrDefault("snapshot-every", "500"));
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
            ImageDataset data = a.containsKey("data")
                    ? ImageDataset.fromFolder(Path.of(a.get("data")), generator.resolution(), false) : null;
            try (PerceptualLoss perceptual = PerceptualLoss.choose(LpipsConfiguration.fromEnvironment(),
                    generator.resolution(), manager)) {
                Optional<Path> latest = a.containsKey("resume") ? EncoderTraining.latestSnapshot(out) : Optional.empty();
                EncoderTraining training;
                if (latest.isPresent()) {
                    System.out.println("resuming " + latest.get());
                    training = EncoderTraining.resume(latest.get(), generator, generatorId, perceptual, data, manager);
                } else {
                    BackboneConfig backbone = "50".equals(a.getOrDefault("depth", "shallow"))
                            ? BackboneConfig.irSe50() : BackboneConfig.shallow();
                    EncoderTrainingOptions options = EncoderTrainingOptions.e4eDefaults()
                            .withBatch(Integer.parseInt(a.getOrDefault("batch", "4")))
                            .withLr(Double.parseDouble(a.getOrDefault("lr", "1e-4")))
                            .withProgressive(Long.parseLong(a.getOrDefault("progressive-start", String.valueOf(steps / 4))),
                                    Long.parseLong(a.getOrDefault("progressive-every", String.valueOf(Math.max(1, steps / 40)))))
                            .withRealImageEvery(data == null ? 0 : 2)
                            .withLatentLambda(Double.parseDouble(a.getOrDefault("latent-lambda", "0")));
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
    }
}
