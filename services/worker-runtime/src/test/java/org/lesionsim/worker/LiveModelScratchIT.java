package org.lesionsim.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.infra.S3Server;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.storage.S3Settings;

/**
 * Two replicas of a worker on one host share its scratch folder ({@code lesionsim.inversion.cache-dir}):
 * each must load every checkpoint from bytes no other replica is writing, and leave nothing behind.
 * Against a real S3 server. (Before the fix both downloaded into {@code <dir>/<checkpoint id>}, and
 * a replica read a file the other was rewriting: "Malformed data", found by {@code ScaleOutBenchmark}.)
 */
class LiveModelScratchIT {
    @TempDir
    static Path dir;
    static S3Server server;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        server = S3Server.start(dir.resolve("s3"), 0);
        store = new ObjectStore(new S3Settings(server.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "lesionsim-test", null));
        store.ensureBucket();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A "model" that is the bytes of its one artefact, read back from the folder the loader is given. */
    record Bytes(byte[] value) implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    @Test
    void replicasSharingAScratchFolderLoadEveryCheckpointIntactAndLeaveItEmpty() throws Exception {
        Path scratch = dir.resolve("scratch");
        List<String> problems = new CopyOnWriteArrayList<>();
        List<LiveModel<Bytes>> replicas = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            replicas.add(new LiveModel<>(CheckpointPublished.Kind.encoder, (checkpoint, folder) -> {
                try (Stream<Path> files = Files.list(folder)) {
                    assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("config.json", "encoder.safetensors");
                }
                return new Bytes(Files.readAllBytes(folder.resolve("encoder.safetensors")));
            }));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Random random = new Random(7);
            for (int round = 0; round < 12; round++) {
                byte[] weights = new byte[4 << 20];
                random.nextBytes(weights);
                String id = "enc-" + round;
                ObjectRef config = store.put("checkpoints/" + id + "/config.json", ("{\"checkpointId\":\"" + id + "\"}").getBytes(),
                        "application/json");
                ObjectRef encoder = store.put("checkpoints/" + id + "/encoder.safetensors", weights, "application/octet-stream");
                CheckpointPublished published = new CheckpointPublished(UUID.randomUUID(), Instant.ofEpochSecond(1000 + round),
                        UUID.randomUUID(), id, CheckpointPublished.Kind.encoder, 0, config, Map.of("encoder", encoder), "g");
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> offers = new ArrayList<>();
                for (LiveModel<Bytes> replica : replicas) {
                    offers.add(pool.submit(() -> {
                        together.await();
                        return replica.offer(published, store, scratch);
                    }));
                }
                for (Future<Boolean> offer : offers) {
                    assertThat(offer.get()).as("round " + round + ": the newer checkpoint is taken").isTrue();
                }
                for (LiveModel<Bytes> replica : replicas) {
                    replica.withModel(Duration.ofSeconds(1), loaded -> {
                        if (!loaded.checkpointId().equals(id) || !Arrays.equals(loaded.model().value(), weights)) {
                            problems.add("round " + id + ": a replica serves " + loaded.checkpointId() + " with other bytes");
                        }
                        return null;
                    });
                }
                try (Stream<Path> left = Files.list(scratch)) {
                    assertThat(left).as("round " + round + ": nothing left in the shared scratch folder").isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
    }
}
