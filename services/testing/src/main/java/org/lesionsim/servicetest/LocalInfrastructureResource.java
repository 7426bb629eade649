package org.lesionsim.servicetest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lesionsim.infra.LocalInfrastructure;

/**
 * Starts a real Kafka broker (KRaft) and a real S3 server (S3Proxy) for a {@code @QuarkusTest},
 * each in its own JVM, and hands their addresses to the application under test.
 */
public class LocalInfrastructureResource implements QuarkusTestResourceLifecycleManager {
    private static LocalInfrastructure infra;

    @Override
    public synchronized Map<String, String> start() {
        if (infra == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath().toFile().exists()
                        ? Path.of("target") : Path.of(System.getProperty("java.io.tmpdir")), "infra-");
                infra = LocalInfrastructure.start(dir, 0, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return infra.clientConfig();
    }

    /** The running infrastructure, for tests that talk to the broker or the store directly. */
    public static LocalInfrastructure infrastructure() {
        return infra;
    }

    @Override
    public synchronized void stop() {
        // The servers stay up for the next test class of this JVM; a shutdown hook stops them.
    }
}
