package org.lesionsim.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code lesionsim.s3.*}: the object store every worker reads and writes. */
@ConfigMapping(prefix = "lesionsim.s3")
public interface S3Config {
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("lesionsim")
    String bucket();

    Optional<String> region();
}
