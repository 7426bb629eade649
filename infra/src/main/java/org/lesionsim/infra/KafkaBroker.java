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
public final class KafkaBroker extends ServerProcess {
    /** Fixed so that a data directory can be restarted; any UUID-like base64 string of 22 chars. */
    private static final String CLUSTER_ID = "bGVzaW9uc2ltLWxvY2FsMQ";

    private final int port;

    private KafkaBroker(Path config, int port) {
        super("the broker", () -> launch(config, port));
        this.port = port;
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
        return new KafkaBroker(config, port);
    }

    private static ChildJvm launch(Path config, int port) {
        ChildJvm jvm = ChildJvm.start("kafka-broker", "768m", "kafka.Kafka", List.of(config.toString()),
                config.resolveSibling("broker.log"));
        jvm.awaitPort(port, Duration.ofSeconds(90));
        return jvm;
    }

    /** SIGKILL: the broker dies as in a crash (no controlled shutdown); {@link #restart()} brings it back. */
    public void kill() {
        halt(true);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }
}
