package org.lesionsim.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A server in a child JVM that can be stopped or killed and launched again with the same settings
 * (same ports, same data directory), as the fault tests do to the broker and the S3 server. Its CPU
 * time adds up over every process it has been: a benchmark asks what the server cost, not what its
 * latest process did.
 */
public abstract class ServerProcess implements AutoCloseable {
    private final String what;
    private final Supplier<ChildJvm> launch;
    private volatile ChildJvm jvm;
    /** CPU of the processes before the running one. */
    private volatile Duration earlierCpu = Duration.ZERO;

    /** Launches the server and returns once {@code launch} has seen its port accept connections. */
    protected ServerProcess(String what, Supplier<ChildJvm> launch) {
        this.what = what;
        this.launch = launch;
        this.jvm = launch.get();
    }

    /** SIGTERM ({@code kill} false: an outage, a shutdown) or SIGKILL (a crash). */
    protected synchronized void halt(boolean kill) {
        Duration used = jvm.cpuTime(); // a dead process has no CPU time to read
        if (kill) {
            jvm.kill();
        } else {
            jvm.close();
        }
        earlierCpu = earlierCpu.plus(used);
    }

    /**
     * Launches the server again after it was stopped, killed or crashed, with the same settings, so
     * clients configured with its address reconnect by themselves; returns once its port accepts connections.
     */
    public synchronized void restart() {
        if (jvm.isAlive()) {
            throw new IllegalStateException(what + " is running");
        }
        jvm = launch.get();
    }

    /** CPU time of every process of this server so far, restarts included. */
    public Duration cpuTime() {
        return earlierCpu.plus(jvm.cpuTime());
    }

    public Path log() {
        return jvm.log();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
