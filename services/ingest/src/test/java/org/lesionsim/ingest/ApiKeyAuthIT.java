package org.lesionsim.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lesionsim.apiauth.ApiKeyIdentityProvider;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * Submitting needs an API key with the right role: a refusal says why as JSON, and writes nothing
 * to the store or the broker. The accepted case records the key's id (never the key) as its
 * submitter, and no key or key hash reaches the log.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class ApiKeyAuthIT {

    @Inject
    ObjectStore store;

    @Test
    void uploadsWithoutTheIngestRoleAreRefusedAndLeaveNoTrace() throws Exception {
        byte[] image = CaseUploadIT.jpeg();
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription cases = probe.subscribe("cases.received")) {
            int eventsBefore = cases.drain(Duration.ofSeconds(2)).size();
            int objectsBefore = store.list("cases/").size();

            given().multiPart("image", "x.jpg", image, "image/jpeg")
                    .when().post("/api/cases").then().statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("error", equalTo("missing-api-key")).body("reason", containsString("X-Api-Key"));
            given().header("Authorization", "Bearer not-a-key-anyone-was-given").multiPart("image", "x.jpg", image, "image/jpeg")
                    .when().post("/api/cases").then().statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("error", equalTo("unknown-api-key"));
            given().header("X-Api-Key", "not-a-key-anyone-was-given").multiPart("image", "x.jpg", image, "image/jpeg")
                    .when().post("/api/cases").then().statusCode(401).body("error", equalTo("unknown-api-key"));
            given().header("X-Api-Key", TestKeys.RESEARCHER).multiPart("image", "x.jpg", image, "image/jpeg")
                    .when().post("/api/cases").then().statusCode(403).body("error", equalTo("wrong-role"));
            given().header("X-Api-Key", TestKeys.OPERATOR).multiPart("image", "x.jpg", image, "image/jpeg")
                    .when().post("/api/cases").then().statusCode(403).body("error", equalTo("wrong-role"));
            given().header("X-Api-Key", TestKeys.RESEARCHER).contentType("application/json")
                    .body(Map.of("path", "target/none")).when().post("/api/imports").then().statusCode(403)
                    .body("error", equalTo("wrong-role"));
            given().contentType("application/json").body(Map.of("path", "target/none"))
                    .when().post("/api/imports").then().statusCode(401).body("error", equalTo("missing-api-key"));

            assertThat(store.list("cases/")).as("objects after refused requests").hasSize(objectsBefore);
            assertThat(cases.drain(Duration.ofSeconds(2))).as("cases.received after refused requests").hasSize(eventsBefore);
        }
    }

    @Test
    void theIngestKeySubmitsAndIsRecordedByItsIdOnly() throws Exception {
        String caseId = given().header("X-Api-Key", TestKeys.HOSPITAL)
                .multiPart("image", "x.jpg", CaseUploadIT.jpeg(), "image/jpeg")
                .when().post("/api/cases").then().statusCode(202).extract().path("caseId");
        String submission = new String(store.get(ObjectKeys.caseSubmission(UUID.fromString(caseId))));
        assertThat(submission).contains("\"submitter\":\"" + TestKeys.HOSPITAL_ID + "\"").doesNotContain(TestKeys.HOSPITAL);
        // An operator may run imports (the body is refused, not the key).
        given().header("X-Api-Key", TestKeys.OPERATOR).contentType("application/json").body(Map.of("classes", java.util.List.of("nv")))
                .when().post("/api/imports").then().statusCode(400).body("error", equalTo("missing-path"));
    }

    @Test
    void healthNeedsNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void noKeyNorItsHashReachesTheLog() throws Exception {
        // Requests with every key (accepted or refused) went through this JVM's log by now or go now.
        for (String key : TestKeys.ALL) {
            given().header("Authorization", "Bearer " + key).multiPart("image", "x.gif", "GIF89a".getBytes(), "image/gif")
                    .when().post("/api/cases").then().statusCode(org.hamcrest.Matchers.oneOf(403, 415));
        }
        Path log = Path.of("target/ingest-test.log");
        assertThat(log).exists();
        String text = Files.readString(log);
        assertThat(text).isNotEmpty();
        for (String key : TestKeys.ALL) {
            assertThat(text).doesNotContain(key).doesNotContain(HexFormat.of().formatHex(ApiKeyIdentityProvider.sha256(key)));
        }
    }
}
