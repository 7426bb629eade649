package org.lesionsim.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lesionsim.apiauth.ApiRoles;

/**
 * {@code GET /api/pipeline}: what an operator watches. Per topic the events seen and the newest
 * event's time (from the view); per consumer group of the workers the lag of each partition (from
 * the broker: committed offset vs end offset); per worker named in {@code lesionsim.console.workers}
 * whether it is up and ready (its {@code /q/health/ready}).
 */
@Path("/api/pipeline")
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class PipelineApi {
    @Inject
    TopicFollower follower;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** name=url pairs, comma-separated: the workers' base URLs as the console reaches them. */
    @ConfigProperty(name = "lesionsim.console.workers")
    Optional<String> workers;

    private Admin admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public record TopicView(String topic, long events, Instant last) {
    }

    public record PartitionLag(String topic, int partition, long committed, long end, long lag) {
    }

    public record GroupLag(String group, long totalLag, List<PartitionLag> partitions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkerHealth(String worker, String url, boolean up, boolean ready, String detail) {
    }

    public record Pipeline(Instant now, boolean viewCaughtUp, int cases, long deadLetters, List<TopicView> topics, List<GroupLag> consumerGroups,
                           List<WorkerHealth> workers, String lagError) {
    }

    @GET
    @RolesAllowed(ApiRoles.OPERATOR)
    @Operation(summary = "Pipeline health: events per topic, consumer lag per group and partition, worker readiness")
    public Pipeline pipeline() {
        ConsoleView view = follower.view();
        List<TopicView> topics = new TreeMap<>(view.topicStats()).entrySet().stream()
                .map(e -> new TopicView(e.getKey(), e.getValue().events, e.getValue().last)).toList();
        List<GroupLag> lag = List.of();
        String lagError = null;
        try {
            lag = consumerLag();
        } catch (Exception e) {
            lagError = e.toString();
        }
        return new Pipeline(Instant.now(), follower.caughtUp(), view.caseCount(), view.deadLetters().size(), topics, lag,
                workerHealth(), lagError);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
            admin = Admin.create(p);
        }
        return admin;
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** The workers' groups (lesionsim-*; the console's own per-start groups commit nothing and are left out). */
    List<GroupLag> consumerLag() throws Exception {
        List<GroupLag> out = new ArrayList<>();
        for (ConsumerGroupListing g : admin().listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
            String group = g.groupId();
            if (!group.startsWith("lesionsim-") || group.startsWith("lesionsim-console-")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin().listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            List<PartitionLag> partitions = new ArrayList<>();
            long total = 0;
            for (var e : committed.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                long end = ends.get(e.getKey()).offset();
                long lag = Math.max(0, end - e.getValue().offset());
                total += lag;
                partitions.add(new PartitionLag(e.getKey().topic(), e.getKey().partition(), e.getValue().offset(), end, lag));
            }
            partitions.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                    : a.topic().compareTo(b.topic()));
            out.add(new GroupLag(group, total, partitions));
        }
        out.sort((a, b) -> a.group().compareTo(b.group()));
        return out;
    }

    private List<WorkerHealth> workerHealth() {
        List<WorkerHealth> out = new ArrayList<>();
        if (workers.isEmpty() || workers.get().isBlank()) {
            return out;
        }
        for (String pair : workers.get().split(",")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            String url = kv[1].trim();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                out.add(new WorkerHealth(kv[0].trim(), url, true, r.statusCode() == 200, r.statusCode() == 200 ? null : r.body()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                out.add(new WorkerHealth(kv[0].trim(), url, false, false, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return out;
    }
}
