package org.lesionsim.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The store's key layout. Keys are built only from opaque case ids (random UUIDs), content hashes
 * and checkpoint ids, so no key can carry a patient identifier (a file name, an ISIC id, a
 * name): {@link #requireSafe} rejects anything outside a lower-case alphabet, which also rules
 * out HAM10000's {@code ISIC_0024421}-style ids.
 */
public final class ObjectKeys {
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9/._=-]{0,511}");
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._=-]{0,127}");

    private ObjectKeys() {
    }

    /** {@code cases/{caseId}/original.{jpg|png}} */
    public static String caseOriginal(UUID caseId, String extension) {
        return "cases/" + caseId + "/original." + segment(extension.toLowerCase(Locale.ROOT));
    }

    /** {@code cases/{caseId}/clinical.json}: age, sex, body site, kept out of the event stream. */
    public static String caseClinicalMetadata(UUID caseId) {
        return "cases/" + caseId + "/clinical.json";
    }

    /**
     * {@code cases/{caseId}/submission.json}: who sent the case (API key id, pseudonymous DICOM
     * UIDs), read when its result is ready to go back to the sender.
     */
    public static String caseSubmission(UUID caseId) {
        return "cases/" + caseId + "/submission.json";
    }

    /** {@code cases/{caseId}/}: everything stored about one case. */
    public static String casePrefix(UUID caseId) {
        return "cases/" + caseId + "/";
    }

    /**
     * {@code preprocessed/{fingerprint}/{sha256 of the original}.png}: content-addressed, so a
     * redelivered event or a re-uploaded image maps to the same object.
     */
    public static String preprocessed(String configFingerprint, String originalSha256) {
        return "preprocessed/" + segment(configFingerprint) + "/" + segment(originalSha256) + ".png";
    }

    /**
     * {@link #preprocessed(String, String)} for an original whose EXIF orientation comes from its
     * event rather than its bytes (a de-identified original has no EXIF left): two uploads of the
     * same pixels held in different orientations strip to the same bytes but preprocess to different
     * images, so an orientation other than upright is part of the key
     * ({@code {sha256}-exif{n}.png}); null or 1 gives the plain key.
     */
    public static String preprocessed(String configFingerprint, String originalSha256, Integer exifOrientation) {
        return exifOrientation == null || exifOrientation == 1 ? preprocessed(configFingerprint, originalSha256)
                : "preprocessed/" + segment(configFingerprint) + "/" + segment(originalSha256 + "-exif" + exifOrientation) + ".png";
    }

    public static String preprocessedPrefix(String configFingerprint) {
        return "preprocessed/" + segment(configFingerprint) + "/";
    }

    /** {@code latents/{ckpt}/{caseId}.npy}, float32 [num_ws, w_dim]. */
    public static String latents(String checkpointId, UUID caseId) {
        return "latents/" + segment(checkpointId) + "/" + caseId + ".npy";
    }

    public static String reconstruction(String checkpointId, UUID caseId) {
        return "latents/" + segment(checkpointId) + "/" + caseId + "-reconstruction.png";
    }

    /**
     * {@code simulations/{caseId}/{ckpt}/{direction}-{h}/}, followed by frame-k.png, strip.png, progression.gif (progression)
     * and metrics.csv, metrics.png, verdict.json, strip-scored.png, scored.json (metrics): one folder per simulation.
     * {@code h} is {@link #simulationHash}, over everything that determines the rendered frames, so two walks of the same
     * case and direction with different α lists, layers or schedules never share (and overwrite) each other's objects,
     * while a redelivered walk maps to the same folder and rewrites it with the same bytes.
     *
     * @param direction   the readable direction segment, e.g. {@code sefa-all-3} ({@code :} becomes {@code -})
     * @param layers      the edited layers as the event names them ({@code all}, {@code coarse}, {@code 0-3}, …)
     * @param alphas      the exact α list walked, in order
     * @param schedule    how the α list was chosen ({@code fixed}, {@code calibrated}); null counts as empty
     * @param calibration a canonical text of the calibration target of a calibrated walk, else null
     */
    public static String simulationPrefix(UUID caseId, String checkpointId, String direction, String layers, List<Double> alphas,
                                          String schedule, String calibration) {
        String readable = direction.replace(':', '-');
        return "simulations/" + caseId + "/" + segment(checkpointId) + "/"
                + segment(readable + "-" + simulationHash(checkpointId, direction, layers, alphas, schedule, calibration)) + "/";
    }

    /**
     * The direction the input {@code causationId} was walked along with {@code checkpointId}'s
     * generator, kept so that a redelivery walks the same axis even when the ranking has moved
     * since: {@code simulations/{caseId}/{checkpoint}/walks/{causationId}.json}.
     */
    public static String walkDirection(UUID caseId, String checkpointId, UUID causationId) {
        return "simulations/" + caseId + "/" + segment(checkpointId) + "/walks/" + causationId + ".json";
    }

    /**
     * The first 16 hex digits of the SHA-256 over checkpoint, direction, layers, the exact α list
     * ({@link Double#toString}, which round-trips), schedule and calibration, each length-prefixed so no two
     * different inputs encode alike. Deterministic: the same walk always gets the same hash.
     */
    public static String simulationHash(String checkpointId, String direction, String layers, List<Double> alphas, String schedule,
                                        String calibration) {
        if (alphas == null || alphas.isEmpty() || alphas.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("a simulation needs a non-empty α list without nulls: " + alphas);
        }
        StringBuilder canonical = new StringBuilder("lesionsim.simulation.v1\n");
        for (String field : List.of(segment(checkpointId), java.util.Objects.requireNonNull(direction, "direction"),
                nullToEmpty(layers), String.join(",", alphas.stream().map(String::valueOf).toList()), nullToEmpty(schedule),
                nullToEmpty(calibration))) {
            canonical.append(field.length()).append(':').append(field).append('\n');
        }
        return Checksums.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * {@code deliveries/{caseId}/{deliveryId}/attempt-{n}.json}: one webhook attempt of the result of a case
     * (time, status or error, latency; no body, no secret).
     */
    public static String deliveryAttempt(UUID caseId, UUID deliveryId, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        return deliveryPrefix(caseId, deliveryId) + "attempt-" + attempt + ".json";
    }

    /** {@code deliveries/{caseId}/{deliveryId}/}: every attempt of one delivery. */
    public static String deliveryPrefix(UUID caseId, UUID deliveryId) {
        return "deliveries/" + caseId + "/" + deliveryId + "/";
    }

    /** {@code simulations/{caseId}/}: every rendered and scored progression of one case, one folder per simulation. */
    public static String simulationsOfCase(UUID caseId) {
        return "simulations/" + caseId + "/";
    }

    /** {@code checkpoints/{ckpt}/{file}} for safetensors and config.json. */
    public static String checkpointFile(String checkpointId, String file) {
        return "checkpoints/" + segment(checkpointId) + "/" + segment(file);
    }

    /** {@code training/{jobId}/{file}}: a training job's own state, e.g. which checkpoint to resume from. */
    public static String trainingJobFile(UUID jobId, String file) {
        return "training/" + jobId + "/" + segment(file);
    }

    /**
     * {@code pacs/{source}/seen/{pseudonymous SOP Instance UID}}: written once an instance followed on
     * a PACS became a case (or a dead letter), so it is not fetched again. The UID is the
     * {@code 2.25.} pseudonym, never the real one.
     */
    public static String pacsSeen(String sourceName, String pseudonymousSopInstanceUid) {
        return pacsSeenPrefix(sourceName) + segment(pseudonymousSopInstanceUid);
    }

    public static String pacsSeenPrefix(String sourceName) {
        return "pacs/" + segment(sourceName) + "/seen/";
    }

    /** A prefix of data set objects: a safe key ending in {@code /}. */
    public static String requireSafePrefix(String prefix) {
        if (prefix == null || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a data set prefix must end with '/': " + prefix);
        }
        return requireSafe(prefix);
    }

    /** {@code audit/replays/{deadLetterId}.json}: who replayed a dead letter, when, to which topic. */
    public static String replayAudit(UUID deadLetterId) {
        return REPLAY_AUDIT_PREFIX + deadLetterId + ".json";
    }

    public static final String REPLAY_AUDIT_PREFIX = "audit/replays/";

    public static String directions(String checkpointId, String file) {
        return "directions/" + segment(checkpointId) + "/" + segment(file);
    }

    /** Throws when {@code key} is not a key this layout can produce. */
    public static String requireSafe(String key) {
        if (key == null || !SAFE.matcher(key).matches() || key.contains("..") || key.contains("//")) {
            throw new IllegalArgumentException("object key outside the lesionsim layout (lower-case ids and hashes only): " + key);
        }
        return key;
    }

    private static String segment(String s) {
        if (s == null || !SAFE_SEGMENT.matcher(s).matches()) {
            throw new IllegalArgumentException("key segment outside the lesionsim layout: " + s);
        }
        return s;
    }
}
