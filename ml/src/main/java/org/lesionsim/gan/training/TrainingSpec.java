package org.lesionsim.gan.training;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.GeneratorConfig;

/**
 * What to train, from a preset name and overrides ({@code train.py}'s {@code --cfg} and its
 * command-line options): the training options, both architectures and whether to x-flip the data.
 * The command line ({@code tools.gan.TrainGan}) and the trainer worker's job events both go through here, so a
 * job means the same thing wherever it runs.
 *
 * <p>Overrides, by the names of StyleGAN2-ADA's / StyleGAN3's {@code train.py}: {@code resolution},
 * {@code batch}, {@code gamma} (R1 weight), {@code glr}, {@code dlr}, {@code ema} (kimg),
 * {@code target} (ADA target; 0 turns augmentation off), {@code mirror}, {@code tick} (kimg per
 * tick), {@code snap} (ticks per snapshot), {@code cbase}, {@code cmax}, {@code map} (mapping
 * layers), {@code mbstd-group}, {@code augpipe} ({@code bgc} | {@code bc} | {@code blit} | {@code geom}), {@code fp32}
 * (true: no FP16 blocks and no conv clamp, as {@code --fp32}; the {@code cpu} preset has neither anyway).
 * Anything else is refused by name.
 *
 * @param options    the training hyper-parameters (total kimg and seed included)
 * @param generator  the generator architecture
 * @param discriminator the discriminator architecture
 * @param mirror     whether the data set is doubled with x-flips ({@code --mirror})
 */
public record TrainingSpec(TrainingOptions options, GeneratorConfig generator, DiscriminatorConfig discriminator,
        boolean mirror) {

    public static final Set<String> OVERRIDES = Set.of("resolution", "batch", "gamma", "glr", "dlr", "ema", "target",
            "mirror", "tick", "snap", "cbase", "cmax", "map", "mbstd-group", "augpipe", "fp32");
    public static final Set<String> PRESETS = Set.of("cpu", "auto", "paper256", "paper512");

    /**
     * @throws IllegalArgumentException naming the preset, override or value that is not valid
     */
    public static TrainingSpec of(String preset, Map<String, ?> overrides, double kimg, long seed) {
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown preset '" + preset + "' (one of " + new TreeSet<>(PRESETS) + ")");
        }
        Set<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(OVERRIDES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown override(s) " + unknown + " (allowed: " + new TreeSet<>(OVERRIDES) + ")");
        }
        if (!(kimg > 0) || kimg > 1_000_000) {
            throw new IllegalArgumentException("kimg must be in (0, 1000000], got " + kimg);
        }
        Overrides o = new Overrides(overrides);
        int defaultResolution = switch (preset) {
            case "paper256" -> 256;
            case "paper512" -> 512;
            default -> 64;
        };
        int resolution = o.integer("resolution", defaultResolution, 8, 1024);
        if (Integer.bitCount(resolution) != 1 || (preset.startsWith("paper") && resolution != defaultResolution)) {
            throw new IllegalArgumentException("resolution must be a power of two (and " + defaultResolution
                    + " for " + preset + "), got " + resolution);
        }
        TrainingOptions base = TrainingOptions.preset(preset, resolution).withTotalKimg(kimg).withSeed(seed);
        Double target = base.adaTarget();
        if (overrides.containsKey("target")) {
            double t = o.real("target", 0, 0, 1);
            target = t == 0 ? null : t;
        }
        TrainingOptions options = new TrainingOptions(o.integer("batch", base.batch(), 1, 4096),
                o.real("glr", base.gLr(), 1e-8, 1), o.real("dlr", base.dLr(), 1e-8, 1), base.beta1(), base.beta2(),
                o.real("gamma", base.r1Gamma(), 0, 1e6), base.r1Interval(), base.plWeight(), base.plInterval(),
                base.styleMixingProb(), o.real("ema", base.emaKimg(), 0, 1e6), base.emaRampup(), target,
                base.adaInterval(), base.adaKimg(), kimg, o.real("tick", base.kimgPerTick(), 1e-3, 1e6),
                o.integer("snap", base.snapshotTicks(), 0, 1_000_000), seed, augpipe(overrides, base.augpipe()));

        GeneratorConfig g = switch (preset) {
            case "cpu" -> GeneratorConfig.cpu(resolution);
            case "paper256" -> GeneratorConfig.paper256();
            case "paper512" -> GeneratorConfig.paper512();
            default -> GeneratorConfig.auto(resolution);
        };
        DiscriminatorConfig d = switch (preset) {
            case "cpu" -> DiscriminatorConfig.cpu(resolution);
            case "paper256" -> DiscriminatorConfig.paper256();
            case "paper512" -> DiscriminatorConfig.paper512();
            default -> DiscriminatorConfig.auto(resolution);
        };
        int cbase = o.integer("cbase", g.channelBase(), 1, 1 << 20);
        int cmax = o.integer("cmax", g.channelMax(), 1, 4096);
        boolean fp32 = o.bool("fp32", false);
        g = new GeneratorConfig(resolution, g.zDim(), g.wDim(), o.integer("map", g.mappingLayers(), 1, 16), cbase, cmax,
                g.imgChannels(), fp32 ? null : g.convClamp(), g.mappingLrMultiplier(), g.wAvgBeta(), fp32 ? 0 : g.numFp16Res());
        int group = o.integer("mbstd-group", d.mbstdGroupSize(), 1, 4096);
        if (options.batch() % Math.min(group, options.batch()) != 0) {
            throw new IllegalArgumentException("batch " + options.batch() + " is not divisible by mbstd-group " + group);
        }
        d = new DiscriminatorConfig(resolution, cbase, cmax, d.imgChannels(), group, d.mbstdChannels(),
                fp32 ? null : d.convClamp(), fp32 ? 0 : d.numFp16Res());
        return new TrainingSpec(options, g, d, o.bool("mirror", false));
    }

    private static String augpipe(Map<String, ?> overrides, String fallback) {
        Object v = overrides.get("augpipe");
        if (v == null) {
            return fallback;
        }
        if (!TrainingOptions.AUGPIPES.contains(v.toString())) {
            throw new IllegalArgumentException("augpipe must be one of " + TrainingOptions.AUGPIPES + ", got " + v);
        }
        return v.toString();
    }

    /** Typed reads with the key and the allowed range in every error. */
    private record Overrides(Map<String, ?> values) {
        int integer(String key, int fallback, int min, int max) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            double d = number(key, v);
            if (d != Math.rint(d) || d < min || d > max) {
                throw new IllegalArgumentException(key + " must be an integer in [" + min + ", " + max + "], got " + v);
            }
            return (int) d;
        }

        double real(String key, double fallback, double min, double max) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            double d = number(key, v);
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], got " + v);
            }
            return d;
        }

        boolean bool(String key, boolean fallback) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            String s = v.toString().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException(key + " must be true or false, got " + v);
        }

        private static double number(String key, Object v) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
            }
        }
    }
}
