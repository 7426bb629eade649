package org.lesionsim.tools.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.judge.LesionClassifier;
import org.lesionsim.tools.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Whether oneDNN's kernels at one instruction-set limit compute what they compute at SSE4.1 on
 * <i>this</i> CPU, for the shipped models (docs/DESIGN.md §4): the generator's synthesis at batch 1,
 * 2, 4 and 8, the encoder and the judge on those images. Each setting runs in a child JVM of its own
 * ({@code DNNL_MAX_CPU_ISA} is read once, when the natives load); the outputs are compared value by
 * value. SSE4.1 is the reference because the reference-output tests pass there on every machine
 * tried. Exit 0 when every output agrees within the tolerance, 1 when one does not.
 * Run: {@code java -Dai.djl.offline=true -cp <common classpath> org.lesionsim.tools.bench.KernelCheck [--isa ALL]}
 */
@Command(name = "KernelCheck", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Do the shipped models give the same outputs with oneDNN's kernels at --isa as at --reference-isa on this CPU?")
public final class KernelCheck implements Callable<Integer> {
    @Option(names = "--models", description = "folder with ham10000-g64, ham10000-e4e64 and ham10000-judge64")
    Path models = Path.of("models");
    @Option(names = "--isa", description = "DNNL_MAX_CPU_ISA under test (ALL: oneDNN's own choice)")
    String isa = "ALL";
    @Option(names = "--reference-isa", description = "DNNL_MAX_CPU_ISA taken as right")
    String referenceIsa = "SSE41";
    @Option(names = "--threads", description = "PyTorch threads in each child (the work split changes which kernels run)")
    int threads = 2;
    @Option(names = "--tolerance", description = "largest |difference| counted as agreement (float rounding of the two kernels)")
    double tolerance = 1e-4;
    @Option(names = "--dump", hidden = true, description = "child mode: write this setting's outputs to the file")
    Path dump;

    public static void main(String[] args) {
        Commands.run(new KernelCheck(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (dump != null) {
            write(dump, outputs(models));
            return 0;
        }
        Path dir = Files.createTempDirectory("kernel-check");
        Map<String, float[]> reference = read(runChild(referenceIsa, dir.resolve("reference.safetensors")));
        Map<String, float[]> tested = read(runChild(isa, dir.resolve("tested.safetensors")));
        // Both children finished and their outputs are read: the scratch folder goes (a failure keeps it, logs and all).
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        List<String> disagreeing = new ArrayList<>();
        for (Map.Entry<String, float[]> e : reference.entrySet()) {
            double diff = maxAbsDifference(e.getValue(), tested.get(e.getKey()));
            boolean agrees = diff <= tolerance;
            if (!agrees) {
                disagreeing.add(e.getKey());
            }
            System.out.printf(Locale.ROOT, "%-22s %7d values  max |%s - %s| = %.2e  %s%n", e.getKey(), e.getValue().length,
                    isa, referenceIsa, diff, agrees ? "agrees" : "DIFFERS");
        }
        System.out.println(disagreeing.isEmpty()
                ? "the shipped models give the same outputs with DNNL_MAX_CPU_ISA=" + isa + " as with " + referenceIsa
                        + " on this CPU (PyTorch threads: " + threads + "): inference with them may run without the limit here"
                        + " (training's backward kernels are not checked)"
                : "DIFFERENT outputs with DNNL_MAX_CPU_ISA=" + isa + " in " + disagreeing + ": keep " + referenceIsa + " on this CPU");
        return disagreeing.isEmpty() ? 0 : 1;
    }

    /** The outputs, by name, of one setting: what the workers run, at the batch sizes they run it. */
    static Map<String, float[]> outputs(Path models) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Generator generator = Generator.load(models.resolve("ham10000-g64/generator_ema.safetensors"), manager);
            E4eEncoder encoder = E4eEncoder.load(models.resolve("ham10000-e4e64/encoder.safetensors"), manager);
            LesionClassifier judge = LesionClassifier.load(models.resolve("ham10000-judge64/judge.safetensors"), manager);
            Random random = new Random(9);
            for (int batch : new int[] {1, 2, 4, 8}) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray images = generator.forward(generator.latents(step, batch, random), 1.0, NoiseMode.CONST);
                    out.put("generator b" + batch, images.toFloatArray());
                    out.put("encoder b" + batch, encoder.forward(images).toFloatArray());
                    out.put("judge b" + batch, judge.forward(images).toFloatArray());
                }
            }
        }
        return out;
    }

    static double maxAbsDifference(float[] a, float[] b) {
        if (b == null || a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return max;
    }

    private Path runChild(String childIsa, Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + threads,
                "-cp", System.getProperty("java.class.path"), KernelCheck.class.getName(),
                "--models", models.toAbsolutePath().toString(), "--dump", file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(file.resolveSibling(file.getFileName() + ".log").toFile());
        builder.environment().put("DNNL_MAX_CPU_ISA", childIsa);
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process child = builder.start();
        if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
            child.destroyForcibly();
            throw new IllegalStateException("the " + childIsa + " run failed; see " + file.resolveSibling(file.getFileName() + ".log"));
        }
        return file;
    }

    /** The outputs as safetensors, each under its name (DJL's encoding, as the checkpoints are written). */
    static void write(Path file, Map<String, float[]> outputs) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(); OutputStream out = Files.newOutputStream(file)) {
            NDList list = new NDList();
            outputs.forEach((name, values) -> {
                NDArray array = manager.create(values);
                array.setName(name);
                list.add(array);
            });
            list.encode(out, NDList.Encoding.SAFETENSORS);
        }
    }

    /** The outputs by name, in name order (safetensors keeps names, not order). */
    static Map<String, float[]> read(Path file) throws IOException {
        Map<String, float[]> outputs = new TreeMap<>();
        try (NDManager manager = NDManager.newBaseManager(); InputStream in = Files.newInputStream(file)) {
            for (NDArray array : NDList.decode(manager, in)) {
                outputs.put(array.getName(), array.toFloatArray());
            }
        }
        return outputs;
    }
}
