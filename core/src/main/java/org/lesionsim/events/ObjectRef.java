package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

/** Claim-check: where an object lives in the store, and the SHA-256 of its bytes. */
public record ObjectRef(String key, String sha256, long sizeBytes, String contentType) {
    public ObjectRef {
        present(key, "key");
        present(sha256, "sha256");
        present(contentType, "contentType");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new MalformedEventException("sha256 must be 64 lower-case hex digits");
        }
        if (sizeBytes < 0) {
            throw new MalformedEventException("sizeBytes must be >= 0");
        }
    }
}
