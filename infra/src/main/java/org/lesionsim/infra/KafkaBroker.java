package org.lesionsim.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) in a child JVM. Its log
 * directory is formatted once; restarting on the same directory keeps every topic and offset.
 * {@link #kill()} and {@link #restart()} crash it and bring it back on the same ports and log
 * directory, so clients configured with {@link #bootstrapServers()} reconnect by themselves.
 */
public final class KafkaBroker implements AutoCloseable {
    /** Fixed so that a data directory can be restarted; any UUID-like base64 string of 22 chars. */
    private static final String CLUSTER_ID = "bGVzaW9uc2ltLWxvY2FsMQ";

    private volatile ChildJvm jvm;
    private final int port;
    private final Path config;
    /** CPU of the broker processes before the running one (a restart starts a new process). */
    private volatile Duration earlierCpu = Duration.ZERO;

    private KafkaBroker(ChildJvm jvm, int port, Path config) {
        this.jvm = jvm;
        this.port = port;
        this.config = config;
    }

    /**
     * @param dataDir   where the broker keeps its log and configuration
     * @param preferredPort port to use when free (0: any free port)
     * @param partitions default partition count of auto-created topics
     */
    public static KafkaBroker start(Path dataDir, int preferredPort, int partitions) {
        int port = ChildJvm.freePort(preferredPort);
        int controllerPort = ChildJvm.freePort(0);
        Path logDir = dataDir.resolve("kraft-logs");
        Path config = dataDir.resolve("server.properties");
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=1",
                "");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(config, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            ChildJvm.runToCompletion("kafka-storage-format", "kafka.tools.StorageTool",
                    List.of("format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted"),
                    dataDir.resolve("format.log"), Duration.ofSeconds(60));
        }
        return new KafkaBroker(launch(config, port), port, config);
    }

    private static ChildJvm launch(Path config, int port) {
        ChildJvm jvm = ChildJvm.start("kafka-broker", "768m", "kafka.Kafka", List.of(config.toString()),
                config.resolveSibling("broker.log"));
        jvm.awaitPort(port, Duration.ofSeconds(90));
        return jvm;
    }

    /** SIGKILL: the broker dies as in a crash (no controlled shutdown); {@link #restart()} brings it back. */
    public synchronized void kill() {
        Duration used = jvm.cpuTime(); // a dead process has no CPU time to read
        jvm.kill();
        earlierCpu = earlierCpu.plus(used);
    }

    /**
     * Starts the broker again after {@link #kill()} (or a crash) with the same configuration: the same
     * ports, the same log directory, so every topic, offset and committed group offset is still there.
     * Returns once the client port accepts connections.
     */
    public synchronized void restart() {
        if (jvm.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        jvm = launch(config, port);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public java.time.Duration cpuTime() {
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
