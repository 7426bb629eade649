package org.lesionsim.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.lesionsim.apiauth.ApiKeyProblems;
import org.lesionsim.apiauth.ApiRoles;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.EventCodec;
import org.lesionsim.storage.Checksums;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * Dead letters of every worker, and their replay: once an operator fixed the cause (published the
 * missing checkpoint, repaired the object), the original record goes back, byte for byte, to the
 * topic it came from. A replay is recorded before it is sent ({@code audit/replays/{id}.json}: who,
 * when, which topic, the SHA-256 of what was sent) and happens once: asking again answers 200 with
 * that record and sends nothing.
 */
@Path("/api/dead-letters")
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiRoles.OPERATOR)
public class DeadLetterApi {
    private static final Logger LOG = Logger.getLogger(DeadLetterApi.class);

    @Inject
    TopicFollower follower;

    @Inject
    ObjectStore store;

    @Inject
    JobPublisher publisher;

    @Inject
    Caller caller;

    public record Replay(UUID deadLetterId, String topic, String worker, String reasonCode, Instant replayedAt, String by,
                         String originalSha256) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(UUID id, String worker, String topic, String sourceTopic, String reasonCode, String reason, Instant time,
                        String originalKey, UUID caseId, UUID jobId, String originalEvent, Replay replayed) {
    }

    public record Listing(int total, Map<String, Map<String, Integer>> byWorkerAndReason, List<Entry> items) {
    }

    @GET
    @Operation(summary = "Dead letters, newest first, with counts per worker and reason code; each carries its original event")
    public Listing list(@QueryParam("worker") String worker, @QueryParam("reasonCode") String reasonCode) {
        List<ConsoleView.DeadLetterEntry> all = follower.view().deadLetters();
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (ConsoleView.DeadLetterEntry e : all) {
            counts.computeIfAbsent(e.letter().worker(), w -> new TreeMap<>()).merge(e.letter().reasonCode(), 1, Integer::sum);
        }
        // One listing of the audit records, then a read of only those that exist.
        java.util.Set<String> replayed = java.util.Set.copyOf(store.list(ObjectKeys.REPLAY_AUDIT_PREFIX));
        List<Entry> items = all.stream()
                .filter(e -> worker == null || e.letter().worker().equals(worker))
                .filter(e -> reasonCode == null || e.letter().reasonCode().equals(reasonCode))
                .sorted((a, b) -> b.letter().time().compareTo(a.letter().time()))
                .map(e -> entry(e, replayed.contains(ObjectKeys.replayAudit(e.letter().eventId()))
                        ? replayOf(e.letter().eventId()).orElse(null) : null)).toList();
        return new Listing(items.size(), counts, items);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Re-publish the original event to its topic (once; later calls answer 200 with the first replay)")
    public Response replay(@PathParam("id") String id) throws IOException {
        UUID deadLetterId = CaseApi.parse(id);
        Optional<ConsoleView.DeadLetterEntry> entry = deadLetterId == null ? Optional.empty() : follower.view().deadLetter(deadLetterId);
        if (entry.isEmpty()) {
            return ApiKeyProblems.problem(404, "no-such-dead-letter", "no dead letter " + id);
        }
        Optional<Replay> earlier = replayOf(deadLetterId);
        if (earlier.isPresent()) {
            return Response.ok(earlier.get()).build();
        }
        DeadLetter letter = entry.get().letter();
        byte[] original = letter.originalEvent().getBytes(StandardCharsets.UTF_8);
        Replay replay = new Replay(deadLetterId, letter.sourceTopic(), letter.worker(), letter.reasonCode(), Instant.now(),
                caller.keyId(), Checksums.sha256Hex(original));
        // Recorded first: a crash between the two leaves an audited replay that was not sent, never an unaudited one.
        store.put(ObjectKeys.replayAudit(deadLetterId), EventCodec.mapper().writeValueAsBytes(replay), "application/json");
        try {
            publisher.replay(letter.sourceTopic(), letter.originalKey(), letter.originalEvent());
        } catch (RuntimeException e) {
            store.delete(ObjectKeys.replayAudit(deadLetterId)); // not sent: the operator may try again
            throw e;
        }
        LOG.infof("dead letter %s (%s %s) replayed to %s by %s", deadLetterId, letter.worker(), letter.reasonCode(),
                letter.sourceTopic(), caller.keyId());
        return Response.accepted(replay).build();
    }

    private Optional<Replay> replayOf(UUID deadLetterId) {
        return store.getIfPresent(ObjectKeys.replayAudit(deadLetterId)).map(bytes -> {
            try {
                return EventCodec.mapper().readValue(bytes, Replay.class);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static Entry entry(ConsoleView.DeadLetterEntry e, Replay replay) {
        DeadLetter d = e.letter();
        return new Entry(d.eventId(), d.worker(), e.topic(), d.sourceTopic(), d.reasonCode(), d.reason(), d.time(), d.originalKey(),
                e.caseId(), e.jobId(), d.originalEvent(), replay);
    }
}
