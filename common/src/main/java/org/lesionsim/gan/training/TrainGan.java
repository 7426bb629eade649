package org.lesionsim.gan.training;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.GeneratorConfig;

/**
 * Command line ({@code train.py}): {@code --data DIR --out DIR [--preset cpu|auto|paper256|paper512]
 * [--resolution 64] [--kimg 10] [--resume DIR] [--snapshot-ticks N] [--mirror] [--seed N]}.
 * Prints one line per tick; without {@code --resume} it continues from the newest snapshot in
 * {@code --out} if there is one. Run with {@code -Dai.djl.offline=true}.
 */
public final class TrainGan {
    private TrainGan() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = parse(args);
        Path data = Path.of(required(opts, "data"));
        Path out = Path.of(required(opts, "out"));
        String preset = opts.getOrDefault("preset", "cpu");
        int resolution = Integer.parseInt(opts.getOrDefault("resolution", "64"));
        ImageDataset dataset = ImageDataset.fromFolder(data, resolution, opts.containsKey("mirror"));

        Optional<Path> resumeFrom = opts.containsKey("resume") ? Optional.of(Path.of(opts.get("resume")))
                : TrainingLoop.latestSnapshot(out);
        try (NDManager manager = NDManager.newBaseManager();
                TrainingLoop loop = resumeFrom.isPresent()
                        ? TrainingLoop.resume(resumeFrom.get(), dataset, manager,
                                opts.containsKey("kimg") ? Double.valueOf(opts.get("kimg")) : null)
                        : TrainingLoop.create(options(opts, preset, resolution), generatorConfig(preset, resolution),
                                discriminatorConfig(preset, resolution), dataset, out, manager)) {
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
    }

    static TrainingOptions options(Map<String, String> opts, String preset, int resolution) {
        TrainingOptions options = TrainingOptions.preset(preset, resolution);
        if (opts.containsKey("kimg")) {
            options = options.withTotalKimg(Double.parseDouble(opts.get("kimg")));
        }
        if (opts.containsKey("snapshot-ticks")) {
            options = options.withTicks(options.kimgPerTick(), Integer.parseInt(opts.get("snapshot-ticks")));
        }
        if (opts.containsKey("seed")) {
            options = options.withSeed(Long.parseLong(opts.get("seed")));
        }
        return options;
    }

    static GeneratorConfig generatorConfig(String preset, int resolution) {
        return switch (preset) {
            case "cpu" -> GeneratorConfig.cpu(resolution);
            case "paper256" -> GeneratorConfig.paper256();
            case "paper512" -> GeneratorConfig.paper512();
            default -> GeneratorConfig.auto(resolution);
        };
    }

    static DiscriminatorConfig discriminatorConfig(String preset, int resolution) {
        return switch (preset) {
            case "cpu" -> DiscriminatorConfig.cpu(resolution);
            case "paper256" -> DiscriminatorConfig.paper256();
            case "paper512" -> DiscriminatorConfig.paper512();
            default -> DiscriminatorConfig.auto(resolution);
        };
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = key.equals("mirror");
            out.put(key, flag ? "true" : args[++i]);
        }
        return out;
    }

    private static String required(Map<String, String> opts, String key) {
        String value = opts.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required (usage: --data DIR --out DIR "
                    + "[--preset cpu] [--resolution 64] [--kimg 10] [--resume DIR] [--snapshot-ticks N])");
        }
        return value;
    }
}
