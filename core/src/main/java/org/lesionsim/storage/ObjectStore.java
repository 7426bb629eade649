package org.lesionsim.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.Http;
import io.minio.messages.Item;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lesionsim.events.ObjectRef;

/**
 * Images, latents and checkpoints in one S3 bucket, through the MinIO Java SDK (works with any S3
 * server). Every object is written with its SHA-256 as user metadata, and {@link #put} returns the
 * {@link ObjectRef} that goes into the event pointing at it.
 */
public final class ObjectStore {
    private static final String SHA_METADATA = "sha256";

    private final MinioClient client;
    private final String bucket;

    public ObjectStore(S3Settings settings) {
        this.client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        this.bucket = settings.bucket();
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when it does not exist yet; safe to call from every worker at start. */
    public void ensureBucket() {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    String code = e.errorResponse().code();
                    if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    public ObjectRef put(String key, byte[] bytes, String contentType) {
        ObjectKeys.requireSafe(key);
        String sha = Checksums.sha256Hex(bytes);
        // The bytes go to the client as they are: a stream would first be copied into a part buffer
        // (issue 12 item 1). The client's own checksum stays its default CRC32C: SHA-256, which it
        // computes anyway to sign on http, is refused for single-part uploads by this SDK.
        call("put " + key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(bucket)
                .object(key)
                .data(bytes, bytes.length)
                .contentType(contentType)
                .userMetadata(Map.of(SHA_METADATA, sha))
                .build()));
        return new ObjectRef(key, sha, bytes.length, contentType);
    }

    public byte[] get(String key) {
        ObjectKeys.requireSafe(key);
        return call("get " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /** Reads the object an event points at and checks it is still the same bytes. */
    public byte[] get(ObjectRef ref) {
        return getIfPresent(ref).orElseThrow(() -> new ObjectStoreException("object store: no object at " + ref.key(), null));
    }

    /**
     * Reads the object an event points at, checking its checksum; empty when no object has that
     * key (one round trip, where exists-then-get would take two).
     */
    public Optional<byte[]> getIfPresent(ObjectRef ref) {
        Optional<byte[]> found = getIfPresent(ref.key());
        if (found.isEmpty()) {
            return found;
        }
        byte[] bytes = found.get();
        String actual = Checksums.sha256Hex(bytes);
        if (!actual.equals(ref.sha256())) {
            throw new ChecksumMismatchException(ref.key(), ref.sha256(), actual);
        }
        return Optional.of(bytes);
    }

    /**
     * The object at {@code key}, or empty when there is none. No checksum to check against: for
     * objects the caller wrote itself under a known key (an audit record), not for claim-checks.
     */
    public Optional<byte[]> getIfPresent(String key) {
        ObjectKeys.requireSafe(key);
        return Optional.ofNullable(call("get " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return null;
                }
                throw e;
            }
        }));
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code);
    }

    /** The reference of a stored object, read back from its metadata; empty when absent. */
    public Optional<ObjectRef> stat(String key) {
        ObjectKeys.requireSafe(key);
        return call("stat " + key, () -> {
            try {
                StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                String sha = stat.userMetadata().getFirst(SHA_METADATA);
                if (sha == null) {
                    sha = Checksums.sha256Hex(get(key));
                }
                return Optional.of(new ObjectRef(key, sha, stat.size(), stat.contentType()));
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Removes the object at {@code key} (no error when there is none). */
    public void delete(String key) {
        ObjectKeys.requireSafe(key);
        call("delete " + key, () -> {
            client.removeObject(io.minio.RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    public boolean exists(String key) {
        return stat(key).isPresent();
    }

    /** Keys under {@code prefix}, in the server's (lexicographic) order. */
    public List<String> list(String prefix) {
        return call("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            return keys;
        });
    }

    /** A time-limited URL that lets a browser or viewer fetch one object without credentials. */
    public String presignedGet(String key, Duration validity) {
        ObjectKeys.requireSafe(key);
        return call("presign " + key, () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.GET)
                .bucket(bucket)
                .object(key)
                .expiry((int) validity.toSeconds())
                .build()));
    }

    private interface S3Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, S3Call<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                throw new ObjectStoreUnavailableException("object store: " + what + " failed, store unavailable: " + e.getMessage(), e);
            }
            throw e;
        } catch (Exception e) {
            if (unreachable(e)) {
                throw new ObjectStoreUnavailableException("object store: " + what + " failed, store unavailable: " + e.getMessage(), e);
            }
            throw new ObjectStoreException("object store: " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** An I/O failure (refused, reset, timed out) or a 5xx answer anywhere in the cause chain: the store, not the request. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof io.minio.errors.ServerException) {
                return true;
            }
            if (t instanceof ErrorResponseException r && r.response() != null && r.response().code() >= 500) {
                return true;
            }
        }
        return false;
    }
}
