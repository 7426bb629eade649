package org.lesionsim.worker;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.storage.S3Settings;

/** One {@link ObjectStore} per worker, its bucket created at start if missing. */
public class ObjectStoreProducer {

    @Produces
    @Singleton
    @Startup
    ObjectStore objectStore(S3Config config) {
        ObjectStore store = new ObjectStore(new S3Settings(config.endpoint(), config.accessKey(), config.secretKey(),
                config.bucket(), config.region().orElse(null)));
        store.ensureBucket();
        return store;
    }
}
