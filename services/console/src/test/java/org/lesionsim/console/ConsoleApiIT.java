package org.lesionsim.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.events.EventType;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.LesionEvent;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * The console on a real broker and a real S3 server: events on the topics (as the workers write
 * them, schema-checked) become cases, simulations, training jobs and dead letters in the API;
 * every endpoint refuses without a key (401) and with the wrong role (403); jobs and replays reach
 * their topics; the live stream carries changes; a second view built from the same topics (what a
 * restart or another replica does) answers the same.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class ConsoleApiIT {
    static final String HOSPITAL = "test-ingest-key-3f9a1c";
    static final String OTHER_HOSPITAL = "test-ingest-key-b-77e2";
    static final String RESEARCHER = "test-researcher-key-5d20";
    static final String OPERATOR = "test-operator-key-c41e";

    @Inject
    ObjectStore store;

    @Inject
    TopicFollower follower;

    @TestHTTPResource("/api/events")
    URL events;

    private static TopicProbe probe() {
        return new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
    }

    private static void publish(TopicProbe probe, LesionEvent event) {
        String json = EventCodec.toJson(event);
        EventSchemas.assertValid(json);
        probe.send(EventType.of(event.getClass()).topic(), event.partitionKey(), json);
    }

    private static io.restassured.specification.RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A case as the pipeline leaves it, every stage's objects in the store; returns its events in order. */
    record Walked(UUID caseId, CaseReceived received, ImagePreprocessed preprocessed, LatentsInverted inverted,
                  SimulationRendered rendered, MetricsScored scored) {
    }

    private ObjectRef png(String key) {
        return store.put(key, ("png of " + key).getBytes(StandardCharsets.UTF_8), "image/png");
    }

    private Walked walkedCase(String submitter, Diagnosis diagnosis, boolean scoredToo) {
        UUID caseId = UUID.randomUUID();
        Instant t = Instant.now();
        ObjectRef original = png(ObjectKeys.caseOriginal(caseId, "png"));
        ObjectRef clinical = store.put(ObjectKeys.caseClinicalMetadata(caseId),
                "{\"ageYears\":61,\"sex\":\"female\",\"localization\":\"back\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        CaseReceived received = new CaseReceived(UUID.randomUUID(), t, caseId, null, CaseReceived.Source.upload, original, clinical,
                diagnosis, null, null, submitter, null);
        ObjectRef image = png(ObjectKeys.preprocessed("pp-test", original.sha256()));
        ImagePreprocessed pre = new ImagePreprocessed(UUID.randomUUID(), t.plusMillis(1), caseId, null, received.eventId(), original,
                image, 64, "pp-test", 600, 450, 1, diagnosis);
        ObjectRef latents = store.put(ObjectKeys.latents("enc-test", caseId), new byte[] {1, 2, 3}, "application/octet-stream");
        ObjectRef recon = png(ObjectKeys.reconstruction("enc-test", caseId));
        LatentsInverted inv = new LatentsInverted(UUID.randomUUID(), t.plusMillis(2), caseId, "enc-test", pre.eventId(), image, latents,
                recon, 10, 128, 0.0123, "mse on pixels scaled to [-1,1]", 0, diagnosis);
        if (!scoredToo) {
            return new Walked(caseId, received, pre, inv, null, null);
        }
        String prefix = "simulations/" + caseId + "/enc-test/sefa-0/";
        List<ObjectRef> frames = List.of(png(prefix + "frame-0.png"), png(prefix + "frame-1.png"), png(prefix + "frame-2.png"));
        SimulationRendered rendered = new SimulationRendered(UUID.randomUUID(), t.plusMillis(3), caseId, "enc-test", null, inv.eventId(),
                "sefa:0", "all", List.of(0.0, 2.0, 4.0), frames, png(prefix + "strip.png"), png(prefix + "progression.gif"), diagnosis,
                "fixed", null, "completed", image, recon);
        MetricsScored.Verdict verdict = new MetricsScored.Verdict(MetricsScored.VerdictStatus.notCredible,
                List.of(new MetricsScored.FailedCondition("OUTSIDE_REAL_RANGE", "frame 2 is beyond the real range", List.of(2), null)),
                null, new MetricsScored.VerdictBounds(0.9, 6, 0.1));
        MetricsScored scored = new MetricsScored(UUID.randomUUID(), t.plusMillis(4), caseId, "enc-test", rendered.eventId(),
                List.of(0.0, 2.0, 4.0), List.of(
                        new MetricsScored.Score("p_mel", MetricsScored.Status.ok, List.of(0.2, 0.3, 0.5), 1.0),
                        new MetricsScored.Score("realism_distance", MetricsScored.Status.ok, List.of(5.0, 6.0, 9.5), 1.0)),
                true, store.put(prefix + "metrics.csv", "frame,alpha\n".getBytes(StandardCharsets.UTF_8), "text/csv"),
                png(prefix + "metrics.png"), verdict, null);
        return new Walked(caseId, received, pre, inv, rendered, scored);
    }

    private void publishAll(TopicProbe probe, Walked w) {
        publish(probe, w.received());
        publish(probe, w.preprocessed());
        publish(probe, w.inverted());
        if (w.rendered() != null) {
            publish(probe, w.rendered());
            publish(probe, w.scored());
        }
    }

    private static boolean caseInState(UUID caseId, String state) {
        return as(OPERATOR).get("/api/cases/" + caseId).then().extract().path("state") instanceof String s && s.equals(state);
    }

    @Test
    void aWalkedCaseShowsItsStateCheckpointsLinksFramesAndVerdict() throws Exception {
        Walked w = walkedCase("test-hospital", Diagnosis.MEL, true);
        try (TopicProbe probe = probe()) {
            publishAll(probe, w);
        }
        await("case scored", () -> caseInState(w.caseId(), "scored"));

        JsonPath c = as(HOSPITAL).get("/api/cases/" + w.caseId()).then().statusCode(200).extract().jsonPath();
        assertThat(c.getString("diagnosis")).isEqualTo("mel");
        assertThat(c.getString("verdict")).isEqualTo("not-credible");
        assertThat(c.getMap("checkpoints")).containsEntry("preprocessing", "pp-test").containsEntry("encoder", "enc-test")
                .containsEntry("generator", "enc-test");
        assertThat(c.getDouble("inversion.reconstructionL2")).isEqualTo(0.0123);
        assertThat(c.getInt("clinical.ageYears")).as("the submitter sees its clinical metadata").isEqualTo(61);
        assertThat(c.getList("simulations")).hasSize(1);
        assertThat(c.getString("simulations[0].state")).isEqualTo("scored");
        assertThat(c.getList("simulations[0].frames.alpha", Double.class)).containsExactly(0.0, 2.0, 4.0);
        assertThat(c.getList("simulations[0].frames.pMel", Double.class)).containsExactly(0.2, 0.3, 0.5);
        assertThat(c.getList("simulations[0].frames.realistic", Boolean.class)).containsExactly(true, true, false);
        assertThat(c.getString("simulations[0].verdict.failed[0].code")).isEqualTo("OUTSIDE_REAL_RANGE");

        // Every link is a presigned GET that fetches the very object the event names.
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> links = c.getMap("links");
        assertThat(links).containsKeys("original", "preprocessed", "reconstruction", "latents");
        assertThat(fetch(http, links.get("reconstruction"))).isEqualTo(store.get(w.inverted().reconstruction()));
        assertThat(fetch(http, c.getString("simulations[0].frames[1].url"))).isEqualTo(store.get(w.rendered().frames().get(1)));
        assertThat(fetch(http, c.getString("simulations[0].links.table"))).isEqualTo(store.get(w.scored().table()));
        assertThat(c.getMap("simulations[0].links")).containsKeys("input", "reconstruction", "strip", "animation", "plot");

        // A researcher sees the case but not the clinical metadata; another hospital does not see it at all.
        JsonPath r = as(RESEARCHER).get("/api/cases/" + w.caseId()).then().statusCode(200).extract().jsonPath();
        assertThat(r.getMap("clinical")).isNull();
        as(OTHER_HOSPITAL).get("/api/cases/" + w.caseId()).then().statusCode(404).body("error", equalTo("no-such-case"));
        as(OPERATOR).get("/api/cases/" + UUID.randomUUID()).then().statusCode(404);
        as(OPERATOR).get("/api/cases/not-a-uuid").then().statusCode(404);
    }

    private static byte[] fetch(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET " + url).isEqualTo(200);
        return r.body();
    }

    @Test
    void casesArePagedFilteredAndScopedToTheCallersKey() throws Exception {
        String submitter = "test-hospital-b";
        List<Walked> mine = new ArrayList<>();
        try (TopicProbe probe = probe()) {
            for (int i = 0; i < 5; i++) {
                Walked w = walkedCase(submitter, i < 2 ? Diagnosis.MEL : Diagnosis.NV, false);
                mine.add(w);
                publish(probe, w.received());
                if (i == 4) {
                    publish(probe, w.preprocessed());
                }
            }
        }
        UUID last = mine.get(4).caseId();
        await("five cases of hospital b", () -> as(OTHER_HOSPITAL).get("/api/cases").then().extract().jsonPath().getInt("total") == 5
                && caseInState(last, "preprocessed"));

        JsonPath page0 = as(OTHER_HOSPITAL).queryParam("size", 2).get("/api/cases").then().statusCode(200).extract().jsonPath();
        JsonPath page2 = as(OTHER_HOSPITAL).queryParam("size", 2).queryParam("page", 2).get("/api/cases").then().extract().jsonPath();
        assertThat(page0.getInt("total")).isEqualTo(5);
        assertThat(page0.getList("items")).hasSize(2);
        assertThat(page2.getList("items")).hasSize(1);
        assertThat(page0.getString("items[0].caseId")).as("newest first").isEqualTo(last.toString());
        assertThat(as(OTHER_HOSPITAL).queryParam("diagnosis", "mel").get("/api/cases").then().extract().jsonPath().getInt("total"))
                .isEqualTo(2);
        assertThat(as(OTHER_HOSPITAL).queryParam("state", "preprocessed").get("/api/cases").then().extract().jsonPath()
                .getList("items.caseId")).containsExactly(last.toString());
        Instant since = mine.get(3).received().time();
        assertThat(as(OTHER_HOSPITAL).queryParam("since", since.toString()).get("/api/cases").then().extract().jsonPath()
                .getInt("total")).isEqualTo(2);
        // The operator sees these and others; hospital A none of these.
        assertThat(as(OPERATOR).queryParam("size", 500).get("/api/cases").then().extract().jsonPath().getList("items.caseId"))
                .contains(last.toString());
        assertThat(as(HOSPITAL).queryParam("size", 500).get("/api/cases").then().extract().jsonPath().getList("items.caseId"))
                .doesNotContain(last.toString());

        as(OPERATOR).queryParam("size", 0).get("/api/cases").then().statusCode(400).body("error", equalTo("invalid-page"));
        as(OPERATOR).queryParam("state", "cooked").get("/api/cases").then().statusCode(400).body("error", equalTo("invalid-state"));
        as(OPERATOR).queryParam("since", "yesterday").get("/api/cases").then().statusCode(400).body("error", equalTo("invalid-date"));
    }

    @Test
    void everyEndpointRefusesWithoutAKeyAndWithTheWrongRole() {
        String someId = UUID.randomUUID().toString();
        List<String[]> endpoints = List.of(
                new String[] {"GET", "/api/cases"}, new String[] {"GET", "/api/cases/" + someId},
                new String[] {"POST", "/api/simulations"}, new String[] {"GET", "/api/simulations/" + someId},
                new String[] {"POST", "/api/training-jobs"}, new String[] {"GET", "/api/training-jobs"},
                new String[] {"GET", "/api/training-jobs/" + someId}, new String[] {"GET", "/api/checkpoints"},
                new String[] {"GET", "/api/directions"}, new String[] {"GET", "/api/dead-letters"},
                new String[] {"POST", "/api/dead-letters/" + someId + "/replay"}, new String[] {"GET", "/api/pipeline"},
                new String[] {"GET", "/api/events"});
        for (String[] e : endpoints) {
            given().contentType(ContentType.JSON).body("{}").request(e[0], e[1]).then().statusCode(401)
                    .body("error", equalTo("missing-api-key"));
            given().header("Authorization", "Bearer not-a-key").contentType(ContentType.JSON).body("{}").request(e[0], e[1])
                    .then().statusCode(401).body("error", equalTo("unknown-api-key"));
        }
        // Hospitals read their results; jobs, the model catalogue and operations are not theirs.
        for (String[] e : endpoints.subList(2, 12)) {
            as(HOSPITAL).contentType(ContentType.JSON).body("{}").request(e[0], e[1]).then().statusCode(403)
                    .body("error", equalTo("wrong-role"));
        }
        // Researchers run jobs but do not operate.
        for (String[] e : endpoints.subList(9, 12)) {
            as(RESEARCHER).contentType(ContentType.JSON).body("{}").request(e[0], e[1]).then().statusCode(403);
        }
        // The API document is public; the dashboard page is static (it asks for a key).
        given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/api/simulations"));
        given().get("/").then().statusCode(200);
    }

    @Test
    void aSimulationRequestIsPublishedAndFollowedAndBadOnesAreRefusedWithNothingSent() throws Exception {
        Walked w = walkedCase("test-hospital", Diagnosis.NV, false);
        Walked notInverted = walkedCase("test-hospital", Diagnosis.NV, false);
        try (TopicProbe probe = probe(); TopicProbe.Subscription jobs = probe.subscribe("jobs.simulate")) {
            publishAll(probe, w);
            publish(probe, notInverted.received());
            await("inverted", () -> caseInState(w.caseId(), "inverted") && caseInState(notInverted.caseId(), "received"));

            as(RESEARCHER).contentType(ContentType.JSON).body(Map.of("caseId", w.caseId(), "direction", "north"))
                    .post("/api/simulations").then().statusCode(400).body("error", equalTo("invalid-direction"));
            as(RESEARCHER).contentType(ContentType.JSON).body(Map.of("caseId", w.caseId(), "alphas", List.of()))
                    .post("/api/simulations").then().statusCode(400).body("error", equalTo("invalid-alphas"));
            as(RESEARCHER).contentType(ContentType.JSON).body(Map.of("caseId", w.caseId(), "alphas", List.of(1), "layers", "9-2"))
                    .post("/api/simulations").then().statusCode(400).body("error", equalTo("invalid-layers"));
            as(RESEARCHER).contentType(ContentType.JSON).body(Map.of("caseId", notInverted.caseId(), "alphas", List.of(1)))
                    .post("/api/simulations").then().statusCode(409).body("error", equalTo("not-inverted-yet"));
            as(RESEARCHER).contentType(ContentType.JSON).body(Map.of("caseId", UUID.randomUUID(), "alphas", List.of(1)))
                    .post("/api/simulations").then().statusCode(404);
            as(HOSPITAL).contentType(ContentType.JSON).body(Map.of("caseId", w.caseId(), "alphas", List.of(1)))
                    .post("/api/simulations").then().statusCode(403);
            as(RESEARCHER).contentType(ContentType.JSON).body(Map.of("caseId", w.caseId(), "schedule", "wobbly"))
                    .post("/api/simulations").then().statusCode(400).body("error", equalTo("invalid-schedule"));
            String calibrated = as(RESEARCHER).contentType(ContentType.JSON)
                    .body(Map.of("caseId", w.caseId(), "direction", "shipped", "schedule", "calibrated"))
                    .post("/api/simulations").then().statusCode(202).extract().path("simulationId");
            var calibratedRequest = EventCodec.fromJson(jobs.await(r -> r.value().contains(calibrated), Duration.ofSeconds(20)).value(),
                    org.lesionsim.events.SimulationRequested.class);
            assertThat(calibratedRequest.calibrated()).isTrue();
            assertThat(calibratedRequest.direction()).isEqualTo("shipped");

            String id = as(RESEARCHER).contentType(ContentType.JSON)
                    .body(Map.of("caseId", w.caseId(), "direction", "sefa:all:3", "alphas", List.of(0, 1.5, 3)))
                    .post("/api/simulations").then().statusCode(202).extract().path("simulationId");
            ConsumerRecord<String, String> sent = jobs.await(r -> r.value().contains(id), Duration.ofSeconds(20));
            EventSchemas.assertValid(sent.value());
            var request = EventCodec.fromJson(sent.value(), org.lesionsim.events.SimulationRequested.class);
            assertThat(request.caseId()).isEqualTo(w.caseId());
            assertThat(request.direction()).isEqualTo("sefa:all:3");
            assertThat(request.alphas()).containsExactly(0.0, 1.5, 3.0);
            assertThat(request.checkpointId()).as("the encoder that inverted the case").isEqualTo("enc-test");
            assertThat(sent.key()).isEqualTo(w.caseId().toString());
            // Only the accepted request reached the topic.
            assertThat(jobs.drain(Duration.ofSeconds(2))).noneMatch(r -> (r.value().contains(w.caseId().toString())
                    || r.value().contains(notInverted.caseId().toString())) && !r.value().contains(id) && !r.value().contains(calibrated));

            await("simulation read back", () -> "requested".equals(as(RESEARCHER).get("/api/simulations/" + id).then().extract()
                    .path("state")));
            // The progression worker renders it (here: its event, as that worker writes it).
            String prefix = "simulations/" + w.caseId() + "/enc-test/job/";
            SimulationRendered rendered = new SimulationRendered(UUID.randomUUID(), Instant.now(), w.caseId(), "enc-test",
                    UUID.fromString(id), request.eventId(), "sefa:all:3", "all", List.of(0.0, 1.5, 3.0),
                    List.of(png(prefix + "f0.png"), png(prefix + "f1.png"), png(prefix + "f2.png")), png(prefix + "strip.png"),
                    png(prefix + "anim.gif"), null);
            publish(probe, rendered);
            await("simulation rendered", () -> "rendered".equals(as(RESEARCHER).get("/api/simulations/" + id).then().extract()
                    .path("state")));
            JsonPath s = as(RESEARCHER).get("/api/simulations/" + id).then().extract().jsonPath();
            assertThat(s.getList("frames")).hasSize(3);
            assertThat(s.getString("direction")).isEqualTo("sefa:all:3");
            as(RESEARCHER).get("/api/simulations/" + UUID.randomUUID()).then().statusCode(404);
        }
    }

    @Test
    void aTrainingJobIsPublishedAndItsTicksCheckpointsAndMetricsAreShown() throws Exception {
        try (TopicProbe probe = probe(); TopicProbe.Subscription jobs = probe.subscribe("jobs.train")) {
            as(RESEARCHER).contentType(ContentType.JSON).body(Map.of("datasetPrefix", "datasets/x/", "kimg", 1, "preset", "turbo"))
                    .post("/api/training-jobs").then().statusCode(400).body("error", equalTo("invalid-parameters"));
            as(RESEARCHER).contentType(ContentType.JSON).body(Map.of("datasetPrefix", "../etc/", "kimg", 1))
                    .post("/api/training-jobs").then().statusCode(400).body("error", equalTo("invalid-dataset"));
            String id = as(RESEARCHER).contentType(ContentType.JSON)
                    .body(Map.of("datasetPrefix", "datasets/ham64/", "kimg", 2, "preset", "cpu", "overrides", Map.of("resolution", 64)))
                    .post("/api/training-jobs").then().statusCode(202).extract().path("jobId");
            ConsumerRecord<String, String> sent = jobs.await(r -> r.value().contains(id), Duration.ofSeconds(20));
            EventSchemas.assertValid(sent.value());
            UUID jobId = UUID.fromString(id);
            ObjectRef config = store.put(ObjectKeys.checkpointFile("gan-test-1", "config.json"), "{}".getBytes(StandardCharsets.UTF_8),
                    "application/json");
            publish(probe, new TrainingProgress(UUID.randomUUID(), Instant.now(), jobId, null, TrainingProgress.Status.running, 1.0, 1,
                    61.5, Map.of("loss_G", 0.7, "loss_D", 1.3), 0.02, Map.of(), null, "cpu()"));
            publish(probe, new CheckpointPublished(UUID.randomUUID(), Instant.now(), jobId, "gan-test-1", CheckpointPublished.Kind.generator,
                    1.0, config, Map.of("generator", config), null));
            publish(probe, new TrainingProgress(UUID.randomUUID(), Instant.now(), jobId, "gan-test-1", TrainingProgress.Status.running,
                    1.0, 1, null, Map.of(), null, Map.of("swd", 43.1), null, null));
            await("checkpoint metrics", () -> as(RESEARCHER).get("/api/training-jobs/" + id).then().extract().jsonPath()
                    .getList("checkpoints.metrics.swd", Double.class).contains(43.1));
            JsonPath j = as(RESEARCHER).get("/api/training-jobs/" + id).then().statusCode(200).extract().jsonPath();
            assertThat(j.getString("state")).isEqualTo("running");
            assertThat(j.getDouble("kimgTarget")).isEqualTo(2.0);
            assertThat(j.getList("ticks")).hasSize(1);
            assertThat(j.getDouble("ticks[0].secondsPerKimg")).isEqualTo(61.5);
            assertThat(j.getDouble("ticks[0].augmentP")).isEqualTo(0.02);
            assertThat(j.getString("checkpoints[0].checkpointId")).isEqualTo("gan-test-1");
            assertThat(as(OPERATOR).get("/api/training-jobs").then().extract().jsonPath().getList("jobId")).contains(id);
            assertThat(as(RESEARCHER).get("/api/checkpoints").then().statusCode(200).extract().jsonPath().getList("checkpointId"))
                    .contains("gan-test-1");
            as(RESEARCHER).get("/api/directions").then().statusCode(200);
        }
    }

    @Test
    void aDeadLetterIsListedWithItsOriginalAndReplayedOnceAndAudited() throws Exception {
        Walked w = walkedCase("test-hospital", Diagnosis.NV, false);
        String original = EventCodec.toJson(w.received());
        DeadLetter letter = new DeadLetter(UUID.randomUUID(), Instant.now(), "cases.received", "preprocess", "ORIGINAL_MISSING",
                "the original was not in the store", w.caseId().toString(), original);
        try (TopicProbe probe = probe(); TopicProbe.Subscription cases = probe.subscribe("cases.received")) {
            publish(probe, w.received());
            probe.send("dead-letter.preprocess", letter.partitionKey(), EventCodec.toJson(letter));
            await("dead-lettered", () -> caseInState(w.caseId(), "dead-lettered"));
            JsonPath c = as(OPERATOR).get("/api/cases/" + w.caseId()).then().extract().jsonPath();
            assertThat(c.getString("deadLetter.reasonCode")).isEqualTo("ORIGINAL_MISSING");
            assertThat(c.getString("deadLetter.worker")).isEqualTo("preprocess");

            JsonPath list = as(OPERATOR).queryParam("worker", "preprocess").get("/api/dead-letters").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(list.getInt("byWorkerAndReason.preprocess.ORIGINAL_MISSING")).isGreaterThanOrEqualTo(1);
            int i = list.getList("items.id").indexOf(letter.eventId().toString());
            assertThat(i).isNotNegative();
            assertThat(list.getString("items[" + i + "].originalEvent")).isEqualTo(original);
            assertThat(list.getString("items[" + i + "].caseId")).isEqualTo(w.caseId().toString());

            JsonPath first = as(OPERATOR).post("/api/dead-letters/" + letter.eventId() + "/replay").then().statusCode(202)
                    .extract().jsonPath();
            assertThat(first.getString("by")).isEqualTo("test-operator");
            assertThat(first.getString("topic")).isEqualTo("cases.received");
            ConsumerRecord<String, String> replayed = cases.await(r -> r.value().equals(original), Duration.ofSeconds(20));
            assertThat(replayed.key()).isEqualTo(w.caseId().toString());
            // Again: the same record, nothing sent.
            JsonPath second = as(OPERATOR).post("/api/dead-letters/" + letter.eventId() + "/replay").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(second.getString("replayedAt")).isEqualTo(first.getString("replayedAt"));
            try (TopicProbe.Subscription all = probe.subscribe("cases.received")) {
                long copies = all.drain(Duration.ofSeconds(5)).stream().filter(r -> r.value().equals(original)).count();
                assertThat(copies).as("the original as first sent and its one replay").isEqualTo(2);
            }
            assertThat(store.exists(ObjectKeys.replayAudit(letter.eventId()))).isTrue();
            JsonPath after = as(OPERATOR).queryParam("reasonCode", "ORIGINAL_MISSING").get("/api/dead-letters").then().extract()
                    .jsonPath();
            int j = after.getList("items.id").indexOf(letter.eventId().toString());
            assertThat(after.getString("items[" + j + "].replayed.by")).isEqualTo("test-operator");
            as(OPERATOR).post("/api/dead-letters/" + UUID.randomUUID() + "/replay").then().statusCode(404);

            // The replayed case moves on: its preprocessing (after the replay) arrives and the dead letter no longer stops it.
            ImagePreprocessed p = w.preprocessed();
            publish(probe, new ImagePreprocessed(UUID.randomUUID(), Instant.now(), w.caseId(), null, p.causationId(), p.original(),
                    p.image(), p.resolution(), p.preprocessing(), p.sourceWidth(), p.sourceHeight(), p.exifOrientation(), p.diagnosis()));
            await("moved on", () -> caseInState(w.caseId(), "preprocessed"));
        }
    }

    @Test
    void theLiveStreamCarriesTheChangesOfOneCase() throws Exception {
        Walked w = walkedCase("test-hospital", Diagnosis.MEL, false);
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(events + "?caseId=" + w.caseId()))
                .header("Authorization", "Bearer " + HOSPITAL).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // the test ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try (TopicProbe probe = probe()) {
            Walked other = walkedCase("test-hospital", Diagnosis.NV, false);
            publish(probe, other.received()); // another case: must not appear on this stream
            publish(probe, w.received());
            publish(probe, w.preprocessed());
        }
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (seen.stream().noneMatch(l -> l.startsWith("data:") && l.contains("\"state\":\"preprocessed\""))
                && System.nanoTime() < deadline) {
            String l = lines.poll(200, TimeUnit.MILLISECONDS);
            if (l != null) {
                seen.add(l);
            }
        }
        stream.body().close();
        assertThat(seen).as("lines: " + seen).anyMatch(l -> l.matches("event: ?case\\.received"));
        assertThat(seen).anyMatch(l -> l.matches("event: ?image\\.preprocessed"));
        assertThat(seen.stream().filter(l -> l.startsWith("data:")).toList()).allMatch(l -> l.contains(w.caseId().toString()))
                .anyMatch(l -> l.contains("\"state\":\"preprocessed\""));
    }

    @Test
    void aViewRebuiltFromTheTopicsAnswersTheSame() throws Exception {
        Walked w = walkedCase("test-hospital", Diagnosis.MEL, true);
        try (TopicProbe probe = probe()) {
            publishAll(probe, w);
        }
        await("scored", () -> caseInState(w.caseId(), "scored"));
        // What a restart (or a second replica) does: a fresh follower reads the same topics from the start.
        TopicFollower fresh = new TopicFollower(LocalInfrastructureResource.infrastructure().broker().bootstrapServers(),
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("lesionsim.console.topics", String.class));
        fresh.start(null);
        try {
            await("caught up", fresh::caughtUp);
            ConsoleView running = follower.view();
            ConsoleView rebuilt = fresh.view();
            List<ConsoleView.CaseState> before = running.cases(c -> true);
            List<ConsoleView.CaseState> after = rebuilt.cases(c -> true);
            assertThat(after.stream().map(c -> c.caseId + "=" + c.state()).toList())
                    .as("every case, in the same order and state")
                    .containsExactlyElementsOf(before.stream().map(c -> c.caseId + "=" + c.state()).toList());
            assertThat(rebuilt.deadLetters().stream().map(d -> d.letter().eventId()).toList())
                    .containsExactlyElementsOf(running.deadLetters().stream().map(d -> d.letter().eventId()).toList());
            assertThat(rebuilt.simulation(ConsoleView.simulationId(w.rendered())).map(s -> s.state())).contains("scored");
        } finally {
            fresh.stop(null);
        }
    }
}
