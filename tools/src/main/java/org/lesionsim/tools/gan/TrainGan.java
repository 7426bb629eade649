package org.lesionsim.tools.gan;

import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.tools.Commands;
import org.lesionsim.gan.training.ImageDataset;
import org.lesionsim.gan.training.TrainingListener;
import org.lesionsim.gan.training.TrainingLoop;
import org.lesionsim.gan.training.TrainingSpec;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command line ({@code train.py}): {@code --data DIR --out DIR [--preset cpu|auto|paper256|paper512]
 * [--kimg 10] [--seed N] [--resume DIR]} plus any {@link TrainingSpec} override as {@code --name value}
 * ({@code --resolution 64 --snap 5 --cbase 2048 --mirror ...}). Prints one line per tick; without
 * {@code --resume} it continues from the newest snapshot in {@code --out} if there is one (a resumed
 * run keeps its saved options; only {@code --kimg} extends it). {@code --init-generator FILE
 * [--init-kimg K]} starts a new run from a trained generator's weights (fine-tuning: D fresh, kimg
 * counted on from K) when {@code --out} holds no snapshot yet. Run with {@code -Dai.djl.offline=true}.
 */
@Command(name = "TrainGan", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "StyleGAN2-ADA training; overrides by the names of train.py (unset: the preset's value).")
public final class TrainGan implements Callable<Integer> {
    @Spec
    private CommandSpec command;
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the training PNGs")
    private Path data;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where snapshots go")
    private Path out;
    @Option(names = "--preset", paramLabel = "NAME", description = "cpu | auto | paper256 | paper512")
    private String preset = "cpu";
    @Option(names = "--kimg", paramLabel = "KIMG", description = "total kimg: 10 for a new run; a resumed run keeps its own unless given")
    private Double kimg;
    @Option(names = "--seed", paramLabel = "N")
    private long seed;
    @Option(names = "--resume", paramLabel = "DIR", description = "the snapshot to resume (default: the newest in --out)")
    private Path resume;
    @Option(names = "--init-generator", paramLabel = "FILE", description = "start a new run from these generator weights")
    private Path initGenerator;
    @Option(names = "--init-kimg", paramLabel = "K", description = "the kimg --init-generator was trained to")
    private double initKimg;

    /** TrainingSpec's overrides as given (it checks them), one option each, so a misspelt one is refused. */
    private final Map<String, Object> overrides = new HashMap<>();

    @Option(names = "--resolution", paramLabel = "N") void resolution(String v) { overrides.put("resolution", v); }
    @Option(names = "--batch", paramLabel = "N") void batch(String v) { overrides.put("batch", v); }
    @Option(names = "--gamma", paramLabel = "X", description = "R1 weight") void gamma(String v) { overrides.put("gamma", v); }
    @Option(names = "--glr", paramLabel = "X") void glr(String v) { overrides.put("glr", v); }
    @Option(names = "--dlr", paramLabel = "X") void dlr(String v) { overrides.put("dlr", v); }
    @Option(names = "--ema", paramLabel = "KIMG", description = "EMA half-life") void ema(String v) { overrides.put("ema", v); }
    @Option(names = "--target", paramLabel = "X", description = "ADA target; 0 turns augmentation off")
    void target(String v) { overrides.put("target", v); }
    @Option(names = "--mirror", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true", description = "x-flip the data")
    void mirror(boolean v) { overrides.put("mirror", v); }
    @Option(names = "--tick", paramLabel = "KIMG", description = "kimg per tick") void tick(String v) { overrides.put("tick", v); }
    @Option(names = "--snap", paramLabel = "N", description = "ticks per snapshot") void snap(String v) { overrides.put("snap", v); }
    @Option(names = "--cbase", paramLabel = "N") void cbase(String v) { overrides.put("cbase", v); }
    @Option(names = "--cmax", paramLabel = "N") void cmax(String v) { overrides.put("cmax", v); }
    @Option(names = "--map", paramLabel = "N", description = "mapping layers") void map(String v) { overrides.put("map", v); }
    @Option(names = "--mbstd-group", paramLabel = "N") void mbstdGroup(String v) { overrides.put("mbstd-group", v); }
    @Option(names = "--augpipe", paramLabel = "NAME", description = "bgc | bc | blit | geom")
    void augpipe(String v) { overrides.put("augpipe", v); }
    @Option(names = "--fp32", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "no FP16 blocks and no conv clamp (the auto and paper presets use 4 FP16 blocks on a GPU)")
    void fp32(boolean v) { overrides.put("fp32", v); }

    @Option(names = "--device", paramLabel = "auto|cpu|gpu[:N]", defaultValue = "auto",
            description = "where to train: the first GPU the engine sees (auto), the CPU, or that GPU (an error if none)")
    String device;

    public static void main(String[] args) {
        Commands.run(new TrainGan(), args);
    }

    @Override
    public Integer call() throws IOException {
        TrainingSpec spec;
        try {
            spec = TrainingSpec.of(preset, overrides, kimg != null ? kimg : 10, seed);
        } catch (IllegalArgumentException e) { // a bad preset or override value: a usage error, like any other
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
        int resolution = spec.generator().resolution();
        Optional<Path> resumeFrom = resume != null ? Optional.of(resume) : TrainingLoop.latestSnapshot(out);
        // A resumed run keeps its data as it was: x-flipped or not, whatever this command line says.
        Boolean savedMirror = resumeFrom.isPresent() ? TrainingLoop.mirrorOf(resumeFrom.get()) : null;
        ImageDataset dataset = ImageDataset.fromFolder(data, resolution, savedMirror != null ? savedMirror : spec.mirror());
        ComputeDevice computeDevice = ComputeDevice.resolve(device);
        System.out.println("device " + computeDevice.describe());
        try (NDManager manager = computeDevice.newManager();
                TrainingLoop loop = resumeFrom.isPresent()
                        ? TrainingLoop.resume(resumeFrom.get(), dataset, manager, kimg)
                        : initGenerator != null
                        ? TrainingLoop.fineTune(spec.options(), initGenerator, Math.round(initKimg * 1000),
                                spec.discriminator(), dataset, out, manager)
                        : TrainingLoop.create(spec.options(), spec.generator(), spec.discriminator(), dataset, out,
                                manager)) {
            resumeFrom.ifPresent(dir -> System.out.println("resuming from " + dir + " at kimg " + loop.nimg() / 1000.0));
            System.out.printf("%d images (%dx%d), dataset sha256 %s, preset %s%n", dataset.size(), resolution,
                    resolution, dataset.contentHash(), preset);
            loop.addListener(new TrainingListener() {
                @Override
                public void onTick(TickReport report) {
                    System.out.println(report.line());
                }

                @Override
                public void onSnapshot(Path dir, TickReport report) {
                    System.out.println("snapshot " + dir);
                }
            });
            loop.train();
        }
        return 0;
    }
}
