package org.lesionsim.demo;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.data.synthetic.SyntheticLesionGenerator;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.storage.LocalFiles;
import org.lesionsim.storage.ObjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo, end to end on embedded infrastructure: a real Kafka broker and a real S3 server
 * (started here, no Docker), the workers as separate processes, synthetic lesions in HAM10000's
 * layout, imported through the ingest API and preprocessed by the worker; then prints where the
 * results are.
 */
@Command(name = "bin/demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "The lesionsim pipeline end to end on an embedded Kafka broker and S3 server.")
public final class Demo implements Callable<Integer> {
    @Option(names = "--count", paramLabel = "N", description = "synthetic lesions to generate (default 24; 6 with --pacs)")
    private Integer count;
    @Option(names = "--seed", paramLabel = "S", description = "of the synthetic lesions")
    private long seed = 7;
    @Option(names = "--resolution", paramLabel = "R", description = "preprocessing resolution")
    private int resolution = 256;
    @Option(names = "--data", paramLabel = "DIR",
            description = "where broker, store, logs and results live (default .lesionsim/demo)")
    private Path data;
    @Option(names = "--ham10000", paramLabel = "DIR",
            description = "import a real HAM10000 folder instead (metadata CSV + images)")
    private Path importDir;
    @Option(names = "--models", paramLabel = "DIR", description = "checkpoints to publish to the workers (default models/: "
            + "the shipped HAM10000 generator + encoder, CC BY-NC 4.0)")
    private Path models;
    @Option(names = "--no-models", description = "stop after preprocessing")
    private boolean noModels;
    @Option(names = "--train-kimg", paramLabel = "K", description = "also train a generator from scratch on the imported "
            + "images with the trainer worker (cpu preset, 64x64) for K kimg, and show its checkpoints")
    private double trainKimg;
    @Option(names = "--keep-running", description = "leave broker, store and workers up for exploring")
    private boolean keepRunning;
    @Option(names = "--pacs", description = "feed the pipeline from a real PACS instead: starts Orthanc (DICOMweb), stores "
            + "the lesions in it as DICOM under fake patients, ingest follows it and de-identifies each instance; prints per "
            + "case its pseudonymous SOP UID, case id, score and signed webhook (needs apt-get install -y orthanc "
            + "orthanc-dicomweb)")
    private boolean pacs;

    record Options(Path root, Path data, int count, long seed, int resolution, boolean keepRunning, Path importDir,
                   Path models, double trainKimg, boolean pacs) {
    }

    /** The options with the defaults that depend on the working directory and the mode filled in. */
    Options options() {
        Path root = Path.of("").toAbsolutePath();
        Path modelsDir = noModels ? null : models != null ? models.toAbsolutePath() : root.resolve("models");
        return new Options(root, data != null ? data.toAbsolutePath() : root.resolve(".lesionsim/demo"),
                count != null && count > 0 ? count : pacs ? 6 : 24, seed, resolution, keepRunning,
                importDir != null ? importDir.toAbsolutePath() : null,
                modelsDir != null && Files.isDirectory(modelsDir) ? modelsDir : null, trainKimg, pacs);
    }

    public static void main(String[] args) {
        Demo demo = new Demo();
        int exitCode = new CommandLine(demo).execute(args);
        if (exitCode != 0 || demo.pacs) {
            System.exit(exitCode); // the PACS demo has always ended the JVM, whatever its clients left running
        }
    }

    @Override
    public Integer call() throws Exception {
        Options o = options();
        if (o.pacs()) {
            return PacsDemo.run(o);
        }
        long t0 = System.nanoTime();
        Files.createDirectories(o.data());
        // Each run starts from an empty broker and store: the summary counts this run's events only.
        for (String scratch : List.of("infra", "results", "logs")) {
            LocalFiles.deleteRecursively(o.data().resolve(scratch));
        }
        Path dataset = o.importDir();
        if (dataset == null) {
            dataset = o.data().resolve("synthetic-ham10000");
            step("generating " + o.count() + " synthetic lesions (seed " + o.seed() + ") in HAM10000's layout at " + dataset);
            SyntheticLesionGenerator.writeDataset(dataset, o.count(), o.seed());
        }
        Map<String, String> workerConfig = new java.util.LinkedHashMap<>(ShippedModels.workerConfig(o.models()));
        workerConfig.putAll(Map.of(
                "lesionsim.ingest.import-roots", dataset.getParent().toString(),
                "lesionsim.preprocess.resolution", Integer.toString(o.resolution()),
                // Seven JVMs share the cores: one PyTorch thread each avoids spinning against each other.
                "ai.djl.pytorch.num_threads", "1",
                // Unit SeFa directions in a 128-d W: steps of 2 make the walk visible within six frames.
                "lesionsim.progression.alphas", "0,2,4,6,8,10"));
        List<String> workers = new ArrayList<>(List.of("ingest", "preprocess"));
        if (o.models() != null) {
            // notifier: the chain ends where it began, at the sender (a local webhook receiver stands in for the hospital)
            workers.addAll(List.of("inversion", "directions", "progression", "metrics", "notifier"));
        }
        if (o.trainKimg() > 0) {
            workers.add("trainer");
        }
        workers.add(DemoStack.CONSOLE); // the results API and the dashboard
        step("starting a Kafka broker (KRaft), an S3 server (S3Proxy) and the workers " + workers + " under " + o.data());
        List<String> outputs = List.of("images.preprocessed", "latents.inverted", "simulations.rendered", "metrics.scored",
                "directions.computed", "training.progress", "checkpoints.published");
        List<String> deadLetters = workers.stream().filter(w -> !w.equals(DemoStack.CONSOLE)).map(w -> "dead-letter." + w).toList();
        List<String> topics = new ArrayList<>(outputs);
        topics.addAll(deadLetters);
        try (DemoStack stack = DemoStack.start(o.root(), o.data(), workerConfig, workers);
             PipelineWatch watch = stack.watch(topics)) {
            ObjectStore store = stack.store();
            // The demo's own secrets are shown once, at the end, and nowhere else (the services hold only their SHA-256).
            step("API keys (ingest, researcher, operator) kept in " + stack.keys().file() + "; printed with the dashboard at the end");
            List<CheckpointPublished> models = List.of();
            if (o.models() != null) {
                step("publishing the shipped models in " + o.root().relativize(o.models()) + " as checkpoints");
                models = ShippedModels.publish(stack, store, o.models());
                models.forEach(m -> System.out.println("    " + m.kind() + " " + m.checkpointId() + " (kimg " + m.kimg() + ")"));
            }
            step("importing " + dataset + " through " + stack.worker("ingest").baseUrl() + "/api/imports");
            long tPipe = System.nanoTime();
            int total = stack.importFolder(dataset, List.of("nv", "mel"));
            ProgressBar bar = new ProgressBar("preprocessed", total);
            watch.awaitAll(total, List.of("images.preprocessed", "dead-letter.preprocess"), Duration.ofMinutes(10), bar::update);
            bar.finish();
            double preprocessSeconds = (System.nanoTime() - tPipe) / 1e9;
            List<ImagePreprocessed> done = watch.seen("images.preprocessed").stream()
                    .map(r -> EventCodec.fromJson(r.value(), ImagePreprocessed.class)).toList();
            int preprocessRejected = (int) watch.count("dead-letter.preprocess");
            if (o.models() != null) {
                // Each preprocessed case ends as scored metrics or as a dead letter somewhere downstream.
                List<String> ends = new ArrayList<>(List.of("metrics.scored"));
                ends.addAll(deadLetters.stream().filter(t -> !t.equals("dead-letter.preprocess")).toList());
                ProgressBar simulated = new ProgressBar("inverted, simulated, scored", done.size());
                watch.awaitAll(done.size(), ends, Duration.ofMinutes(20), simulated::update);
                simulated.finish();
            }
            double pipelineSeconds = (System.nanoTime() - tPipe) / 1e9;
            DemoWebhook webhook = stack.webhook();
            long scored = watch.count("metrics.scored");
            if (webhook != null) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (webhook.verified() + webhook.refused() < scored && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            Path results = o.data().resolve("results");
            Path sheet = exportContactSheet(store, done, results);
            Progressions progressions = o.models() == null ? null : Progressions.export(store, watch, results);
            TrainingRun training = o.trainKimg() > 0
                    ? TrainingRun.run(stack, watch, done.get(0).preprocessing(), o.trainKimg(), results) : null;
            String firstUrl = done.isEmpty() ? "(none)" : store.presignedGet(done.get(0).image().key(), Duration.ofHours(1));
            Map<String, String> config = stack.config();

            System.out.println();
            System.out.println("lesionsim demo finished in " + String.format("%.1f", (System.nanoTime() - t0) / 1e9) + " s");
            System.out.printf("  cases imported           %d%n", total);
            System.out.printf("  images preprocessed      %d (%.1f images/s through ingest -> Kafka -> worker -> S3)%n",
                    done.size(), done.size() / preprocessSeconds);
            if (progressions != null) {
                progressions.print(System.out, pipelineSeconds, models);
            }
            if (training != null) {
                training.print(System.out);
            }
            if (webhook != null) {
                System.out.printf("  webhooks delivered       %d of %d scored, signature ok %d (receiver %s)%n",
                        webhook.verified() + webhook.refused(), scored, webhook.verified(), webhook.url());
            }
            List<String> rejected = deadLetters.stream().flatMap(t -> watch.seen(t).stream())
                    .map(r -> EventCodec.fromJson(r.value(), DeadLetter.class))
                    .map(d -> d.worker() + ":" + d.reasonCode()).toList();
            System.out.printf("  dead letters             %d%s%n", rejected.size(), rejected.isEmpty() ? "" : " " + rejected);
            System.out.println("  contact sheet            " + sheet);
            System.out.println("  preprocessed PNGs        " + results.resolve("preprocessed"));
            System.out.println("  object store (S3)        " + config.get("lesionsim.s3.endpoint") + "  bucket lesionsim  (credentials in "
                    + o.data().resolve("infra/s3/s3proxy.properties") + ")");
            System.out.println("  first image, presigned   " + firstUrl);
            System.out.println("  Kafka broker             " + stack.bootstrapServers() + "  topics " + String.join(", ", outputs));
            System.out.println("  worker logs              " + stack.logs());
            if (preprocessRejected > 0 && o.importDir() == null) {
                System.out.println("  (synthetic cases should never be rejected: see the logs)");
            }
            printDashboard(System.out, stack);
            if (o.keepRunning()) {
                System.out.println("\nbroker, store, workers and the console keep running; Ctrl-C stops them.");
                Thread.currentThread().join();
            }
        }
        return 0;
    }

    /** The dashboard's URL and the demo's API keys: the only place they are shown (the services hold their SHA-256). */
    static void printDashboard(java.io.PrintStream out, DemoStack stack) {
        String url = stack.consoleUrl();
        DemoKeys keys = stack.keys();
        out.println();
        out.println("  dashboard                " + url + "  (log in with a key below)");
        out.println("  API                      " + url + "api/cases ...  OpenAPI " + url + "q/swagger-ui  (docs/console-api.md)");
        out.println("  API keys                 send as 'Authorization: Bearer <key>'; kept in " + keys.file());
        out.printf("    %-10s %-16s %s%n", "ingest", DemoKeys.INGEST_ID, keys.ingestKey());
        out.printf("    %-10s %-16s %s%n", "researcher", DemoKeys.RESEARCHER_ID, keys.researcherKey());
        out.printf("    %-10s %-16s %s%n", "operator", DemoKeys.OPERATOR_ID, keys.operatorKey());
    }

    /** Downloads every preprocessed PNG and tiles up to 64 of them into one contact sheet. */
    static Path exportContactSheet(ObjectStore store, List<ImagePreprocessed> done, Path results) throws IOException {
        Path dir = results.resolve("preprocessed");
        Files.createDirectories(dir);
        int n = Math.min(64, done.size());
        int cols = Math.max(1, (int) Math.ceil(Math.sqrt(n)));
        int rows = Math.max(1, (int) Math.ceil(n / (double) cols));
        int tile = 128;
        BufferedImage sheet = new BufferedImage(cols * tile, rows * tile, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        for (int i = 0; i < done.size(); i++) {
            ImagePreprocessed e = done.get(i);
            byte[] png = store.get(e.image());
            String label = e.diagnosis() == null ? "unlabelled" : e.diagnosis().code();
            Files.write(dir.resolve(e.caseId() + "-" + label + ".png"), png);
            if (i < n) {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                g.drawImage(img, (i % cols) * tile, (i / cols) * tile, tile, tile, null);
            }
        }
        g.dispose();
        Path out = results.resolve("contact-sheet.png");
        ImageIO.write(sheet, "png", out.toFile());
        return out;
    }

    static void step(String message) {
        System.out.println("==> " + message);
    }
}
