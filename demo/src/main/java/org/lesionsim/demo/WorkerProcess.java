package org.lesionsim.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One lesionsim worker (a packaged Quarkus app) running as its own process, as it would in a
 * deployment: configured through system properties, ready when its health endpoint says so.
 */
final class WorkerProcess implements AutoCloseable {
    private final String name;
    private final int replica;
    private final Process process;
    private final int httpPort;
    private final Path log;

    private WorkerProcess(String name, int replica, Process process, int httpPort, Path log) {
        this.name = name;
        this.replica = replica;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    static WorkerProcess start(Path projectRoot, String name, int httpPort, Map<String, String> config, Path logDir) {
        return start(projectRoot, name, httpPort, config, Map.of(), logDir);
    }

    /**
     * As {@link #start(Path, String, int, Map, Path)}, with {@code environment} added to the process's
     * environment: where secrets go (a system property shows in every process listing).
     */
    static WorkerProcess start(Path projectRoot, String name, int httpPort, Map<String, String> config,
                               Map<String, String> environment, Path logDir) {
        return start(projectRoot, name, 0, httpPort, config, environment, logDir);
    }

    /** As above, for replica {@code replica} (0, 1, ...) of the worker: its own log, {@code <name>-<replica>.log} after the first. */
    static WorkerProcess start(Path projectRoot, String name, int replica, int httpPort, Map<String, String> config,
                               Map<String, String> environment, Path logDir) {
        Path jar = projectRoot.resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("worker " + name + " is not built (" + jar + "): run ./mvnw -B install -DskipTests first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dai.djl.offline=true");
        if (System.getProperty("DJL_CACHE_DIR") != null) { // natives unpack once, in the project's cache
            command.add("-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR"));
        }
        String options = System.getProperty("lesionsim.worker.jvm-options", ""); // the tests': a quicker start (demo/pom.xml)
        for (String option : options.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        String jfr = System.getProperty("lesionsim.worker.jfr"); // a folder: profile every worker (issue 12 item 1)
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + Path.of(jfr).resolve(name + (replica == 0 ? "" : "-" + replica) + ".jfr").toAbsolutePath());
        }
        command.add("-Dquarkus.http.port=" + httpPort);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + (replica == 0 ? "" : "-" + replica) + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process p = builder.start();
            WorkerProcess worker = new WorkerProcess(name, replica, p, httpPort, log);
            Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The readiness check that stays DOWN until a worker has loaded the model it serves with
     * (worker-runtime's {@code ModelReadiness.NAME}; the demo does not depend on worker-runtime).
     */
    static final String MODEL_CHECK = "lesionsim-model";

    /** Waits for {@code /q/health/ready} to answer 200 (Kafka connected, store reachable, model loaded). */
    void awaitReady(Duration timeout) {
        awaitReady(timeout, false);
    }

    /**
     * As {@link #awaitReady(Duration)}; with {@code butForModel}, a readiness whose only DOWN check is
     * {@value #MODEL_CHECK} counts too: the worker is up and waits for a checkpoint the caller is about
     * to publish (waiting for full readiness first would wait for ever: docs/DESIGN.md §7).
     */
    void awaitReady(Duration timeout, boolean butForModel) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || (butForModel && onlyTheModelIsMissing(r))) {
                    return;
                }
                last = r.body();
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("worker " + name + " not ready within " + timeout + " (" + last + "); see " + log);
    }

    /** A 503 whose DOWN checks are the model check alone. */
    static boolean onlyTheModelIsMissing(HttpResponse<String> r) {
        if (r.statusCode() != 503) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode checks = org.lesionsim.events.EventCodec.mapper().readTree(r.body()).path("checks");
            boolean modelDown = false;
            for (com.fasterxml.jackson.databind.JsonNode check : checks) {
                if (!"UP".equals(check.path("status").asText())) {
                    if (!MODEL_CHECK.equals(check.path("name").asText())) {
                        return false;
                    }
                    modelDown = true;
                }
            }
            return modelDown;
        } catch (IOException notJson) {
            return false;
        }
    }

    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Resident set size of the process (Linux {@code /proc}); -1 where it cannot be read. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    String name() {
        return name;
    }

    /** 0 for the first replica of its worker, 1 for the second, ... */
    int replica() {
        return replica;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGKILL: the worker gets no chance to commit, flush or say goodbye, as in a node failure. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then up to 20 s for the worker to commit, flush and exit before SIGKILL. */
    @Override
    public void close() {
        closeAll(List.of(this));
    }

    /**
     * {@link #close()} for many workers at once: all get SIGTERM first and stop side by side, so
     * stopping a stack takes as long as its slowest worker, not the sum.
     */
    static void closeAll(Collection<WorkerProcess> workers) {
        List<Process> alive = workers.stream().map(w -> w.process).filter(Process::isAlive).toList();
        alive.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            for (Process p : alive) {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
