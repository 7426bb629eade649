package org.lesionsim.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server running in its own JVM: its jars stay off the caller's classpath, and it dies with the
 * caller (see {@link ParentWatchdog}), so a killed test run or demo leaves no orphan broker behind.
 */
public final class ChildJvm implements AutoCloseable {
    /**
     * C1 only and the serial GC keep servers light on 2 cores. slf4j-simple must write to stdout:
     * S3Proxy redirects System.err into its logger, and a logger writing to System.err loops.
     */
    private static final List<String> LIGHT_JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Dorg.slf4j.simpleLogger.logFile=System.out",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with the servers' classpath; output goes to {@code log}. */
    public static ChildJvm start(String name, String maxHeap, String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LIGHT_JVM_FLAGS);
        command.add("-Xmx" + maxHeap);
        command.add("-cp");
        command.add(serversClasspath());
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            ChildJvm child = new ChildJvm(name, p, log);
            Runtime.getRuntime().addShutdownHook(new Thread(child::close, "stop-" + name));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Runs {@code mainClass} to completion (for one-shot tools such as the Kafka storage formatter). */
    public static void runToCompletion(String name, String mainClass, List<String> args, Path log, Duration timeout) {
        ChildJvm tool = start(name, "256m", mainClass, args, log);
        try {
            if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.close();
                throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + log);
            }
            if (tool.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + tool.process.exitValue() + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
    }

    /** Blocks until the server accepts TCP connections on {@code port}, or fails with the log's tail. */
    public void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + ":\n" + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not open port " + port + " within " + timeout + ":\n" + logTail());
    }

    /** CPU time the server has used so far (for benchmarks: where the machine's time goes). */
    public java.time.Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or a node failure would: no shutdown hook, no flush; returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still running 15 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * A free loopback port for a server to listen on, or {@code preferred} when it is free. Chosen below the
     * kernel's ephemeral range ({@code ip_local_port_range}): a port the kernel handed out as ephemeral could,
     * between this check and the server's bind, be taken by one of the many outgoing connections a starting
     * stack makes ("Port … seems to be in use" from a worker, seen in a benchmark run), which a port outside
     * that range never is. Never the same chosen port twice from one JVM, so servers started together cannot collide.
     */
    public static int freePort(int preferred) {
        if (preferred > 0 && bindable(preferred)) {
            return preferred;
        }
        int[] ephemeral = ephemeralRange();
        int low = LISTEN_PORTS_FROM;
        int high = Math.min(ephemeral[0], 65536); // exclusive
        if (ephemeral[0] <= low) { // an unusual range that starts low: use the ports above it
            low = Math.max(ephemeral[1] + 1, low);
            high = 65536;
        }
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200 && high > low; attempt++) {
            int port = random.nextInt(low, high);
            if (HANDED_OUT.add(port)) {
                if (bindable(port)) {
                    return port;
                }
                HANDED_OUT.remove(port);
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(s.getLocalPort());
            return s.getLocalPort(); // no free port outside the ephemeral range: the old behaviour
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lowest port {@link #freePort} hands out: above the registered ports most local services use. */
    static final int LISTEN_PORTS_FROM = 20000;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** {@code [first, last]} of the kernel's ephemeral ports; Linux's default where it cannot be read. */
    static int[] ephemeralRange() {
        try {
            String[] parts = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException unreadable) {
            return new int[] {32768, 60999};
        }
    }

    /**
     * The broker's and S3 server's jars (resolved by Maven into a resource of this module at build
     * time) plus this module itself, which carries {@link ParentWatchdog}.
     */
    static String serversClasspath() {
        try (InputStream in = ChildJvm.class.getResourceAsStream("servers.classpath")) {
            if (in == null) {
                throw new IllegalStateException("servers.classpath missing from lesionsim-infra: build it with ./mvnw install");
            }
            String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            return self + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
