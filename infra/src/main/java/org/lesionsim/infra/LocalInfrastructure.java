package org.lesionsim.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/local-infra");
        try (LocalInfrastructure infra = start(dir, 9092, 9000)) {
            infra.clientConfig().forEach((k, v) -> System.out.println(k + "=" + v));
            Thread.currentThread().join();
        }
    }
}
