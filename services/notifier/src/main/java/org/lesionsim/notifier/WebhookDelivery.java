package org.lesionsim.notifier;

import static org.lesionsim.worker.DeadLetterReason.INVALID_KEY;
import static org.lesionsim.worker.DeadLetterReason.MALFORMED_SUBMISSION;
import static org.lesionsim.worker.DeadLetterReason.SUBMISSION_MISSING;
import static org.lesionsim.worker.DeadLetterReason.WEBHOOK_REJECTED;
import static org.lesionsim.worker.DeadLetterReason.WEBHOOK_UNREACHABLE;

import org.lesionsim.events.EventIds;
import org.lesionsim.worker.Backoff;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;

/**
 * Tells a case's sender that its result is ready: a small signed JSON POST to the webhook of the
 * API key that submitted the case ({@code cases/{id}/submission.json}), with links to the bundle,
 * the scores table and the plot. Retried with {@link Backoff} until a 2xx, a refusal (4xx other
 * than 408/429: {@code WEBHOOK_REJECTED}) or the attempt/time limit ({@code WEBHOOK_UNREACHABLE}); every
 * attempt is recorded in the store. The delivery id derives from the scored event, so a
 * redelivered event is sent under the same id and the receiver can drop the duplicate.
 */
@ApplicationScoped
public class WebhookDelivery {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

    private final ObjectStore store;
    private final WebhookTargets targets;
    private final NotifierSettings settings;
    private final Backoff backoff;
    private final HttpClient http;

    @Inject
    public WebhookDelivery(ObjectStore store, WebhookTargets targets, NotifierSettings settings) {
        this.store = store;
        this.targets = targets;
        this.settings = settings;
        this.backoff = settings.backoff();
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One attempt: the status answered, or the class of the error that prevented an answer. */
    record Attempt(int number, Instant time, Integer status, String error, long latencyMs) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }

        /** The receiver says no and would say it again: 4xx other than 408 (timeout) and 429 (slow down). */
        boolean refused() {
            return status != null && status >= 400 && status < 500 && status != 408 && status != 429;
        }

        String outcome() {
            return status != null ? "HTTP " + status : error;
        }
    }

    /** The same scored event for the same key always gives the same delivery id. */
    public static UUID deliveryId(UUID scoredEventId, String keyId) {
        return EventIds.derive("webhook", scoredEventId, keyId);
    }

    /**
     * Delivers the result of {@code scored}; empty when there is nobody to tell (no submitter, or a
     * key without a webhook). Throws {@link RejectedInputException} when the webhook never took it.
     */
    public Optional<UUID> deliver(MetricsScored scored) {
        Optional<JsonNode> submission = submission(scored.caseId());
        String keyId = submission.map(s -> s.path("submitter")).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
        Optional<WebhookTargets.Target> target = targets.of(keyId);
        if (target.isEmpty()) {
            LOG.debugf("case %s: no webhook to tell (submitter %s)", scored.caseId(), keyId);
            return Optional.empty();
        }
        UUID deliveryId = deliveryId(scored.eventId(), keyId);
        byte[] body = body(scored, submission.get().path("dicom"));
        // A redelivered event goes on numbering after the attempts already recorded.
        int recorded = store.list(ObjectKeys.deliveryPrefix(scored.caseId(), deliveryId)).size();
        long start = System.nanoTime();
        Attempt last = null;
        for (int n = 1; n <= settings.maxAttempts(); n++) {
            if (n > 1) {
                Duration wait = backoff.before(n, ThreadLocalRandom.current().nextDouble());
                if (Duration.ofNanos(System.nanoTime() - start).plus(wait).compareTo(settings.maxTotalTime()) > 0) {
                    break;
                }
                sleep(wait);
            }
            last = send(target.get(), deliveryId, body, recorded + n);
            record(scored, deliveryId, last);
            if (last.delivered()) {
                LOG.infof("case %s: delivery %s to the webhook of key %s: %s after %d attempt(s)", scored.caseId(), deliveryId,
                        keyId, last.outcome(), n);
                return Optional.of(deliveryId);
            }
            if (last.refused()) {
                throw new RejectedInputException(WEBHOOK_REJECTED, "the webhook of key " + keyId + " refused delivery " + deliveryId
                        + " with " + last.outcome() + " (not retried: a 4xx other than 408/429 does not go away)");
            }
        }
        throw new RejectedInputException(WEBHOOK_UNREACHABLE, "the webhook of key " + keyId + " took no delivery " + deliveryId
                + " in " + (last == null ? 0 : last.number() - recorded) + " attempt(s) over "
                + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s; last: " + (last == null ? "none" : last.outcome()));
    }

    private Attempt send(WebhookTargets.Target target, UUID deliveryId, byte[] body, int number) {
        Instant time = Instant.now();
        String timestamp = Long.toString(time.getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "lesionsim-notifier")
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.DELIVERY_HEADER, deliveryId.toString())
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(target.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Attempt(number, time, response.statusCode(), null, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            return new Attempt(number, time, null, e.getClass().getSimpleName(), (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering " + deliveryId + "; the event will be redelivered", e);
        }
    }

    /** {@code deliveries/{case}/{delivery}/attempt-{n}.json}: when, what came back, how long; never the body or the secret. */
    private void record(MetricsScored scored, UUID deliveryId, Attempt a) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attempt", a.number());
        record.put("time", a.time().toString());
        record.put("deliveryId", deliveryId.toString());
        record.put("eventId", scored.eventId().toString());
        record.put("status", a.status());
        record.put("error", a.error());
        record.put("latencyMs", a.latencyMs());
        store.put(ObjectKeys.deliveryAttempt(scored.caseId(), deliveryId, a.number()), json(record), "application/json");
    }

    /** The webhook body: what was scored, the verdict, and where to fetch the result; no clinical data. */
    byte[] body(MetricsScored scored, JsonNode dicom) {
        ObjectNode root = EventCodec.mapper().createObjectNode();
        root.put("caseId", scored.caseId().toString());
        root.put("eventId", scored.eventId().toString());
        root.set("dicom", dicom == null || dicom.isMissingNode() ? NullNode.getInstance() : dicom);
        ObjectNode verdict = root.putObject("verdict");
        if (scored.monotone() == null) {
            verdict.putNull("monotone");
        } else {
            verdict.put("monotone", scored.monotone().booleanValue());
        }
        // The credibility verdict (judge P(mel) rising, realism, lesion kept, skin colour): status and
        // every failed condition, as in metrics.scored; null for events scored before it existed.
        verdict.set("credibility", scored.verdict() == null ? NullNode.getInstance()
                : EventCodec.mapper().valueToTree(scored.verdict()));
        root.put("checkpointId", scored.checkpointId());
        ObjectNode results = root.putObject("results");
        results.put("bundle", settings.ingestPublicUrl().replaceAll("/+$", "") + "/api/cases/" + scored.caseId() + "/bundle");
        results.put("table", link(scored.table()));
        results.put("plot", link(scored.plot()));
        return json(root);
    }

    private String link(ObjectRef ref) {
        try {
            return store.presignedGet(ref.key(), settings.linkValidity());
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(INVALID_KEY, e.getMessage(), e);
        }
    }

    private Optional<JsonNode> submission(UUID caseId) {
        return store.stat(ObjectKeys.caseSubmission(caseId))
                .map(ref -> WorkerInput.read(store, ref, SUBMISSION_MISSING))
                .map(bytes -> {
                    try {
                        return EventCodec.mapper().readTree(bytes);
                    } catch (IOException e) {
                        throw new RejectedInputException(MALFORMED_SUBMISSION, "cases/" + caseId + "/submission.json is not JSON", e);
                    }
                });
    }

    private static byte[] json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry; the event will be redelivered", e);
        }
    }
}
