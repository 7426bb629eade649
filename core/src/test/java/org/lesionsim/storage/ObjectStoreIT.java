package org.lesionsim.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.infra.S3Server;

/** The object store against a real S3 server (S3Proxy, filesystem backend) started by the test. */
class ObjectStoreIT {
    @TempDir
    static Path dir;
    static S3Server server;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        server = S3Server.start(dir, 0);
        store = new ObjectStore(new S3Settings(server.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "lesionsim-test", null));
        store.ensureBucket();
        store.ensureBucket(); // idempotent: every worker calls it at start
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void putReturnsTheChecksumAndGetVerifiesIt() {
        UUID caseId = UUID.randomUUID();
        byte[] bytes = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        ObjectRef ref = store.put(ObjectKeys.caseOriginal(caseId, "jpg"), bytes, "image/jpeg");
        assertThat(ref.sha256()).isEqualTo(Checksums.sha256Hex(bytes));
        assertThat(ref.sizeBytes()).isEqualTo(bytes.length);
        assertThat(store.get(ref)).isEqualTo(bytes);
        assertThat(store.stat(ref.key())).contains(ref);
        assertThat(store.exists(ref.key())).isTrue();
        assertThat(store.exists(ObjectKeys.caseOriginal(UUID.randomUUID(), "jpg"))).isFalse();
    }

    @Test
    void aChangedObjectIsDetected() {
        String key = ObjectKeys.caseOriginal(UUID.randomUUID(), "png");
        ObjectRef first = store.put(key, new byte[] {1, 2, 3}, "image/png");
        store.put(key, new byte[] {1, 2, 4}, "image/png");
        assertThatThrownBy(() -> store.get(first)).isInstanceOf(ChecksumMismatchException.class).hasMessageContaining(key);
    }

    @Test
    void listsByPrefix() {
        UUID caseId = UUID.randomUUID();
        String prefix = ObjectKeys.simulationPrefix(caseId, "ckpt-a", "sefa:3", "all", List.of(0.0, 1.0), "fixed", null);
        store.put(prefix + "frame-0.png", new byte[] {0}, "image/png");
        store.put(prefix + "frame-1.png", new byte[] {1}, "image/png");
        assertThat(store.list(prefix)).containsExactly(prefix + "frame-0.png", prefix + "frame-1.png");
    }

    @Test
    void presignedUrlServesTheObjectAndATamperedSignatureIsRefused() throws Exception {
        String key = ObjectKeys.caseOriginal(UUID.randomUUID(), "png");
        store.put(key, new byte[] {9, 8, 7}, "image/png");
        String url = store.presignedGet(key, Duration.ofMinutes(5));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).containsExactly(9, 8, 7);
        String tampered = url.replaceAll("X-Amz-Signature=([0-9a-f])", "X-Amz-Signature=" + (url.contains("X-Amz-Signature=0") ? "1" : "0"));
        HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void keysOutsideTheLayoutAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> store.put("cases/ISIC_0024421/original.jpg", new byte[1], "image/jpeg"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.caseOriginal(UUID.randomUUID(), "JPG/../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
