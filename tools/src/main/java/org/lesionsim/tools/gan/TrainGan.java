package org.lesionsim.tools.gan;

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
import java.util.Set;
import org.lesionsim.data.CommandLineArgs;

/**
 * Command line ({@code train.py}): {@code --data DIR --out DIR [--preset cpu|auto|paper256|paper512]
 * [--kimg 10] [--seed N] [--resume DIR]} plus any {@link TrainingSpec} override as {@code --name value}
 * ({@code --resolution 64 --snap 5 --cbase 2048 --mirror ...}). Prints one line per tick; without
 * {@code --resume} it continues from the newest snapshot in {@code --out} if there is one (a resumed
 * run keeps its saved options; only {@code --kimg} extends it). {@code --init-generator FILE
 * [--init-kimg K]} starts a new run from a trained generator's weights (fine-tuning: D fresh, kimg
 * counted on from K) when {@code --out} holds no snapshot yet. Run with {@code -Dai.djl.offline=true}.
 */
public final class TrainGan {
    private static final String USAGE = "--data DIR --out DIR [--preset cpu] [--kimg 10] [--seed N] [--resume DIR] "
            + "[--resolution 64] [--snap N] [--mirror] [--init-generator FILE --init-kimg K] ... (any TrainingSpec override)";
    private static final Set<String> OWN = Set.of("data", "out", "preset", "kimg", "seed", "resume", "init-generator",
            "init-kimg");

    private TrainGan() {
    }

    public static void main(String[] args) throws IOException {
        CommandLineArgs cli = CommandLineArgs.parse(args, Set.of("mirror"), USAGE);
        Map<String, String> opts = cli.asMap();
        Path data = Path.of(cli.required("data"));
        Path out = Path.of(cli.required("out"));
        Map<String, String> overrides = new HashMap<>(opts);
        overrides.keySet().removeAll(OWN);
        TrainingSpec spec = TrainingSpec.of(opts.getOrDefault("preset", "cpu"), overrides,
                Double.parseDouble(opts.getOrDefault("kimg", "10")), Long.parseLong(opts.getOrDefault("seed", "0")));
        int resolution = spec.generator().resolution();
        Optional<Path> resumeFrom = opts.containsKey("resume") ? Optional.of(Path.of(opts.get("resume")))
                : TrainingLoop.latestSnapshot(out);
        // A resumed run keeps its data as it was: x-flipped or not, whatever this command line says.
        Boolean savedMirror = resumeFrom.isPresent() ? TrainingLoop.mirrorOf(resumeFrom.get()) : null;
        ImageDataset dataset = ImageDataset.fromFolder(data, resolution, savedMirror != null ? savedMirror : spec.mirror());
        try (NDManager manager = NDManager.newBaseManager();
                TrainingLoop loop = resumeFrom.isPresent()
                        ? TrainingLoop.resume(resumeFrom.get(), dataset, manager,
                                opts.containsKey("kimg") ? Double.valueOf(opts.get("kimg")) : null)
                        : opts.containsKey("init-generator")
                        ? TrainingLoop.fineTune(spec.options(), Path.of(opts.get("init-generator")),
                                Math.round(Double.parseDouble(opts.getOrDefault("init-kimg", "0")) * 1000),
                                spec.discriminator(), dataset, out, manager)
                        : TrainingLoop.create(spec.options(), spec.generator(), spec.discriminator(), dataset, out,
                                manager)) {
            resumeFrom.ifPresent(dir -> System.out.println("resuming from " + dir + " at kimg " + loop.nimg() / 1000.0));
            System.out.printf("%d images (%dx%d), dataset sha256 %s, preset %s%n", dataset.size(), resolution,
                    resolution, dataset.contentHash(), opts.getOrDefault("preset", "cpu"));
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
    }
}
