package org.lesionsim.storage;

import java.util.Objects;

/**
 * Where the object store is. Any S3 server: MinIO in production, S3Proxy in tests and the demo.
 *
 * @param endpoint  e.g. {@code http://minio:9000}
 * @param bucket    one bucket holds everything, laid out by {@link ObjectKeys}
 */
public record S3Settings(String endpoint, String accessKey, String secretKey, String bucket, String region) {
    public S3Settings {
        Objects.requireNonNull(endpoint, "lesionsim.s3.endpoint is not set");
        Objects.requireNonNull(accessKey, "lesionsim.s3.access-key is not set");
        Objects.requireNonNull(secretKey, "lesionsim.s3.secret-key is not set");
        Objects.requireNonNull(bucket, "lesionsim.s3.bucket is not set");
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }
}
