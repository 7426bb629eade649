package org.lesionsim.console;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lesionsim.apiauth.ApiRoles;

/**
 * {@code GET /api/events}: every change of the view as a server-sent event named after the event
 * type that caused it, its data {@code {type, caseId, jobId, state, time}}, optionally only for one
 * case or one job. An ingest key hears only its own cases. A comment every 15 s keeps proxies from
 * closing an idle stream and finds clients that left.
 */
@Path("/api/events")
@Tag(name = "live")
@Singleton
public class LiveEvents {
    public record LiveEvent(String type, UUID caseId, UUID jobId, String state, Instant time) {
    }

    private record Subscriber(SseEventSink sink, Sse sse, Predicate<ConsoleView.Change> wants) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService keepAlive;

    @Inject
    TopicFollower follower;

    @Inject
    Caller caller;

    void start(@Observes StartupEvent ignored) {
        follower.view().onChange(this::broadcast);
        keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-sse-keepalive");
            t.setDaemon(true);
            return t;
        });
        keepAlive.scheduleAtFixedRate(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (keepAlive != null) {
            keepAlive.shutdownNow();
        }
        subscribers.forEach(s -> s.sink().close());
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ApiRoles.INGEST, ApiRoles.RESEARCHER, ApiRoles.OPERATOR})
    @Operation(summary = "Live changes as server-sent events; filter by caseId or jobId")
    public void stream(@QueryParam("caseId") UUID caseId, @QueryParam("jobId") UUID jobId, @Context SseEventSink sink, @Context Sse sse) {
        // The caller is request-scoped: what it may see is decided now, not on the follower's thread.
        boolean everything = caller.seesEveryCase();
        String keyId = caller.keyId();
        Predicate<ConsoleView.Change> wants = c -> (everything || (c.caseId() != null && keyId.equals(c.submitter())))
                && (caseId == null || caseId.equals(c.caseId()))
                && (jobId == null || jobId.equals(c.jobId()));
        subscribers.add(new Subscriber(sink, sse, wants));
        sink.send(sse.newEventBuilder().comment("lesionsim live events").build());
    }

    private void broadcast(ConsoleView.Change change) {
        for (Subscriber s : subscribers) {
            if (s.sink().isClosed()) {
                subscribers.remove(s);
            } else if (s.wants().test(change)) {
                s.sink().send(s.sse().newEventBuilder().name(change.type()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(LiveEvent.class, new LiveEvent(change.type(), change.caseId(), change.jobId(), change.state(), change.time()))
                        .build()).exceptionally(e -> {
                            subscribers.remove(s);
                            return null;
                        });
            }
        }
    }

    private void ping() {
        for (Subscriber s : subscribers) {
            if (s.sink().isClosed()) {
                subscribers.remove(s);
            } else {
                s.sink().send(s.sse().newEventBuilder().comment("keep-alive").build()).exceptionally(e -> {
                    subscribers.remove(s);
                    return null;
                });
            }
        }
    }
}
