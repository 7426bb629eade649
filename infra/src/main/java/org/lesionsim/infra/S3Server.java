package org.lesionsim.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3 server (S3Proxy over a filesystem backend) in a child JVM, speaking the same S3 API
 * (signature v4, path-style) as MinIO in production. Objects survive restarts on the same directory.
 */
public final class S3Server extends ServerProcess {
    public static final String ACCESS_KEY = "lesionsim";
    public static final String SECRET_KEY = "lesionsim-local-secret";

    private final int port;

    private S3Server(Path dataDir, int port) {
        super("the S3 server", () -> launch(dataDir, port));
        this.port = port;
    }

    public static S3Server start(Path dataDir, int preferredPort) {
        return new S3Server(dataDir, ChildJvm.freePort(preferredPort));
    }

    /** Stops the server, as an outage would; {@link #restart()} brings it back with the same port and data. */
    public void stop() {
        halt(false);
    }

    private static ChildJvm launch(Path dataDir, int port) {
        Path blobs = dataDir.resolve("blobs");
        Path config = dataDir.resolve("s3proxy.properties");
        String properties = String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + blobs.toAbsolutePath(),
                "");
        try {
            Files.createDirectories(blobs);
            Files.writeString(config, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildJvm jvm = ChildJvm.start("s3-server", "384m", "org.gaul.s3proxy.Main",
                List.of("--properties", config.toString()), dataDir.resolve("s3.log"));
        jvm.awaitPort(port, Duration.ofSeconds(60));
        return jvm;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }
}
