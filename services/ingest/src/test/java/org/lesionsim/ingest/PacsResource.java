package org.lesionsim.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.lesionsim.infra.OrthancServer;

/**
 * Starts a real Orthanc (DICOMweb) for {@link PacsFollowerIT} and points the follower at it. Where
 * Orthanc is not installed the follower stays off and the test says why it cannot run; on CI
 * ({@code CI=true}, where {@code .ci/run} installs it) that is a failure, not a skip.
 */
public class PacsResource implements QuarkusTestResourceLifecycleManager {
    /** The test hospital's pseudonym key. */
    public static final String KEY = "test-hospital-key-2026-12-06";
    public static final String NAME = "test-pacs";
    static OrthancServer orthanc;

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public synchronized Map<String, String> start() {
        if (!OrthancServer.isInstalled()) {
            if (onCi()) {
                throw new IllegalStateException("CI=true but " + OrthancServer.notInstalledReason());
            }
            return Map.of();
        }
        try {
            orthanc = OrthancServer.start(Path.of("target"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "lesionsim.pacs.url", orthanc.dicomWebRoot(),
                "lesionsim.pacs.name", NAME,
                "lesionsim.pacs.pseudonym-key", KEY,
                "lesionsim.pacs.poll-interval", "1s",
                "lesionsim.pacs.max-backoff", "2s",
                "lesionsim.pacs.request-timeout", "5s",
                // small pages, so a poll over the test's instances pages through QIDO-RS
                "lesionsim.pacs.page-size", "10");
    }

    @Override
    public synchronized void stop() {
        if (orthanc != null) {
            orthanc.close();
            orthanc = null;
        }
    }
}
