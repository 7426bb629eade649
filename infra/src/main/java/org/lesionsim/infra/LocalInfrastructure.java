package org.lesionsim.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The broker and the S3 server together, under one data directory: what the demo and the
 * integration tests run on. {@link #clientConfig()} gives the properties every worker needs.
 */
public final class LocalInfrastructure implements AutoCloseable {
    private final KafkaBroker broker;
    private final S3Server s3;

    private LocalInfrastructure(KafkaBroker broker, S3Server s3) {
        this.broker = broker;
        this.s3 = s3;
    }

    public static LocalInfrastructure start(Path dataDir, int preferredKafkaPort, int preferredS3Port) {
        S3Server s3 = S3Server.start(dataDir.resolve("s3"), preferredS3Port);
        try {
            KafkaBroker broker = KafkaBroker.start(dataDir.resolve("kafka"), preferredKafkaPort, 4);
            return new LocalInfrastructure(broker, s3);
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    public KafkaBroker broker() {
        return broker;
    }

    public S3Server s3() {
        return s3;
    }

    /** Configuration keys understood by every lesionsim worker (see application.properties). */
    public Map<String, String> clientConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("lesionsim.s3.endpoint", s3.endpoint());
        config.put("lesionsim.s3.access-key", S3Server.ACCESS_KEY);
        config.put("lesionsim.s3.secret-key", S3Server.SECRET_KEY);
        return config;
    }

    @Override
    public void close() {
        Thread stopS3 = new Thread(s3::close, "stop-s3");
        stopS3.start();
        broker.close();
        try {
            stopS3.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs both servers until interrupted: {@code java -cp ... LocalInfrastructure [dataDir]}. */
    public static void main(String[] args) {
        int exitCode = new CommandLine(new Run()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode); // only on failure: a command that finished returns, as main always did
        }
    }

    @Command(name = "LocalInfrastructure", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Runs the Kafka broker (port 9092 if free) and the S3 server (9000 if free) until interrupted; "
                    + "prints the workers' client configuration.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "DATA_DIR", description = "where the broker and the store keep their files")
        private Path dir = Path.of("target/local-infra");

        @Override
        public Integer call() throws InterruptedException {
            try (LocalInfrastructure infra = start(dir, 9092, 9000)) {
                infra.clientConfig().forEach((k, v) -> System.out.println(k + "=" + v));
                Thread.currentThread().join();
            }
            return 0;
        }
    }
}
