package org.lesionsim.tools.bench;

import org.lesionsim.imaging.JpegEncoder;
import org.lesionsim.tools.Commands;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.lesionsim.imaging.DecodedImage;
import org.lesionsim.imaging.ExifOrientation;
import org.lesionsim.imaging.ImageDecoder;
import org.lesionsim.imaging.ImagePreprocessor;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.imaging.PreprocessingConfig;
import org.lesionsim.imaging.Resampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Images per second of the plain preprocessing loop (decode → orient → square → resize → PNG) on
 * one thread and on every core, plus the time per stage on one thread. Prints figures; asserts
 * nothing.
 *
 * <pre>
 * java -cp common/target/classes org.lesionsim.tools.bench.PreprocessBenchmark [folder] [--resolution 256] [--seconds 5]
 * </pre>
 * Without a folder it generates 32 HAM10000-shaped JPEGs (600×450, skin gradient, noise, an
 * irregular dark lesion, hairs; quality 0.92). With a folder it reads its *.jpg/*.jpeg/*.png (up
 * to 200; file names are never printed).
 */
@Command(name = "PreprocessBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Images per second of the plain preprocessing loop, and the time per stage on one thread.")
public final class PreprocessBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER",
            description = "its *.jpg/*.jpeg/*.png, up to 200 (default: 32 generated HAM10000-shaped JPEGs)")
    private Path folder;
    @Option(names = "--resolution")
    private int resolution = 256;
    @Option(names = "--seconds", description = "per measurement")
    private double seconds = 5;

    public static void main(String[] args) {
        Commands.run(new PreprocessBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        List<byte[]> inputs = folder == null ? generate(32, 600, 450) : read(folder);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no JPEG or PNG files in the folder");
        }
        PreprocessingConfig config = PreprocessingConfig.research(resolution);
        int cores = Runtime.getRuntime().availableProcessors();
        DecodedImage first = new ImageDecoder().decode(inputs.get(0));
        System.out.printf(Locale.ROOT, "inputs: %d %s, first %dx%d, mean %.0f KB; config %s; %d cores; Java %s%n",
                inputs.size(), folder == null ? "generated JPEGs" : "files from a folder", first.width(), first.height(),
                inputs.stream().mapToInt(b -> b.length).average().orElse(0) / 1024, config.fingerprint(), cores,
                Runtime.version());

        System.out.printf(Locale.ROOT, "system load average at start: %.2f (other processes share these cores)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        throughput(inputs, config, 1, Math.min(3, seconds)); // warm-up: JIT and ImageIO's registry
        stages(inputs, config);
        double single = throughput(inputs, config, 1, seconds);
        System.out.printf(Locale.ROOT, "1 thread : %7.1f images/s (%.2f ms/image)%n", single, 1000 / single);
        double all = throughput(inputs, config, cores, seconds);
        System.out.printf(Locale.ROOT, "%d threads: %7.1f images/s (x%.2f)%n", cores, all, all / single);
        return 0;
    }

    /** Images per second over {@code seconds} with {@code threads} threads each looping over the inputs. */
    static double throughput(List<byte[]> inputs, PreprocessingConfig config, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7;
            counts.add(pool.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    ImagePreprocessor.preprocess(inputs.get((int) ((n + offset) % inputs.size())), config);
                    n++;
                }
                return n;
            }));
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        long total = 0;
        for (Future<Long> c : counts) {
            total += c.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }

    /**
     * Mean CPU milliseconds per stage on one thread, the same steps {@link ImagePreprocessor}
     * takes. Thread CPU time, not wall time, so other processes on a shared machine distort it less.
     */
    static void stages(List<byte[]> inputs, PreprocessingConfig config) {
        int rounds = Math.max(1, 200 / inputs.size());
        long decode = 0;
        long square = 0;
        long resize = 0;
        long png = 0;
        int n = 0;
        ImageDecoder decoder = new ImageDecoder(config.maxPixels());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            for (byte[] input : inputs) {
                long t0 = cpu.getCurrentThreadCpuTime();
                DecodedImage decoded = decoder.decode(input);
                long t1 = cpu.getCurrentThreadCpuTime();
                BufferedImage upright = ExifOrientation.apply(decoded.image(), ExifOrientation.read(input));
                BufferedImage sq = config.policy().apply(upright, config.cropRatio(), config.padFill());
                long t2 = cpu.getCurrentThreadCpuTime();
                BufferedImage small = Resampler.resize(sq, config.resolution(), config.resolution(), config.downscaleFilter());
                long t3 = cpu.getCurrentThreadCpuTime();
                PngEncoder.encode(small);
                long t4 = cpu.getCurrentThreadCpuTime();
                decode += t1 - t0;
                square += t2 - t1;
                resize += t3 - t2;
                png += t4 - t3;
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "stages, CPU ms/image on 1 thread (%d images): decode %.2f | orient+square %.2f | resize %.2f | PNG %.2f | total %.2f%n",
                n, decode / 1e6 / n, square / 1e6 / n, resize / 1e6 / n, png / 1e6 / n, (decode + square + resize + png) / 1e6 / n);
    }

    static List<byte[]> read(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                    .sorted().limit(200).map(p -> {
                        try {
                            return Files.readAllBytes(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        }
    }

    /** Dermoscopy-like test JPEGs: a skin gradient with sensor noise, an irregular dark lesion, a few hairs. */
    static List<byte[]> generate(int count, int w, int h) {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Random random = new Random(i);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            double cx = w * (0.4 + 0.2 * random.nextDouble());
            double cy = h * (0.4 + 0.2 * random.nextDouble());
            double radius = h * (0.15 + 0.15 * random.nextDouble());
            double[] lobes = {random.nextDouble() * 0.2, random.nextDouble() * 0.15, random.nextDouble() * 2 * Math.PI};
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double shade = 0.85 + 0.15 * (x + y) / (w + h);
                    double r = 215 * shade;
                    double g = 165 * shade;
                    double b = 145 * shade;
                    double angle = Math.atan2(y - cy, x - cx);
                    double edge = radius * (1 + lobes[0] * Math.sin(3 * angle + lobes[2]) + lobes[1] * Math.sin(7 * angle));
                    double d = Math.hypot(x - cx, y - cy);
                    if (d < edge) {
                        double depth = 1 - d / edge;
                        r = 120 - 60 * depth;
                        g = 75 - 40 * depth;
                        b = 55 - 30 * depth;
                    }
                    double noise = random.nextGaussian() * 6;
                    img.setRGB(x, y, clamp(r + noise) << 16 | clamp(g + noise) << 8 | clamp(b + noise));
                }
            }
            java.awt.Graphics2D g = img.createGraphics();
            g.setColor(new java.awt.Color(40, 30, 25));
            for (int k = 0; k < 6; k++) {
                g.drawLine(random.nextInt(w), random.nextInt(h), random.nextInt(w), random.nextInt(h));
            }
            g.dispose();
            images.add(JpegEncoder.encode(img, 0.92f));
        }
        return images;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
