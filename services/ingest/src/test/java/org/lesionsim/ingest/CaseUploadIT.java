package org.lesionsim.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectStore;

/** Upload over HTTP, through the real S3 server and the real broker. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class CaseUploadIT {

    @Inject
    ObjectStore store;

    static byte[] jpeg() throws Exception {
        BufferedImage img = new BufferedImage(60, 45, BufferedImage.TYPE_INT_RGB);
        img.setRGB(30, 20, 0x884422);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void anUploadIsStoredAndAnnouncedOnTheBroker() throws Exception {
        byte[] image = jpeg();
        String caseId = given().header("Authorization", "Bearer " + TestKeys.HOSPITAL)
                .multiPart("image", "ISIC_0024421.jpg", image, "image/jpeg")
                .multiPart("metadata", "{\"diagnosis\":\"mel\",\"ageYears\":55,\"sex\":\"male\",\"localization\":\"back\"}", "application/json")
                .when().post("/api/cases")
                .then().statusCode(202)
                .extract().path("caseId");

        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription cases = probe.subscribe("cases.received")) {
            ConsumerRecord<String, String> record = cases.await(r -> caseId.equals(r.key()), Duration.ofSeconds(30));
            EventSchemas.assertValid(record.value());
            CaseReceived event = EventCodec.fromJson(record.value(), CaseReceived.class);
            assertThat(event.caseId().toString()).isEqualTo(caseId);
            assertThat(event.diagnosis()).isEqualTo(Diagnosis.MEL);
            assertThat(event.source()).isEqualTo(CaseReceived.Source.upload);
            // claim-check: the event points at the stored bytes, and no key carries the file name
            assertThat(store.get(event.original())).isEqualTo(image);
            assertThat(event.original().key()).doesNotContain("ISIC").startsWith("cases/" + caseId + "/");
            assertThat(new String(store.get(event.clinicalMetadata()))).contains("\"ageYears\":55");
            assertThat(record.value()).doesNotContain("ageYears").doesNotContain("localization").doesNotContain("\"back\"");
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReason() throws Exception {
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).multiPart("image", "x.gif", "GIF89a....".getBytes(), "image/gif")
                .when().post("/api/cases").then().statusCode(415).body("error", equalTo("unsupported-format"));
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).multiPart("image", "x.jpg", new byte[0], "image/jpeg")
                .when().post("/api/cases").then().statusCode(400).body("error", equalTo("empty-image"));
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).multiPart("metadata", "{}", "application/json")
                .when().post("/api/cases").then().statusCode(400).body("error", equalTo("missing-image"));
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).multiPart("image", "x.jpg", jpeg(), "image/jpeg").multiPart("metadata", "{\"diagnosis\":\"cancer\"}", "application/json")
                .when().post("/api/cases").then().statusCode(400).body("reason", containsString("unknown diagnosis code"));
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).multiPart("image", "x.jpg", jpeg(), "image/jpeg").multiPart("metadata", "{\"ageYears\":-3}", "application/json")
                .when().post("/api/cases").then().statusCode(400).body("reason", containsString("ageYears"));
    }

    /** With the store down an upload is refused with 503 and Retry-After (it used to be a 500 with an HTML body), and nothing is announced. */
    @Test
    void anUploadWhileTheStoreIsDownIs503WithRetryAfterAndNothingIsAnnounced() throws Exception {
        var s3 = LocalInfrastructureResource.infrastructure().s3();
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription cases = probe.subscribe("cases.received")) {
            cases.drain(Duration.ofSeconds(2));
            int before = cases.drain(Duration.ofMillis(200)).size();
            s3.stop();
            try {
                io.restassured.response.Response r = given().header("Authorization", "Bearer " + TestKeys.HOSPITAL)
                        .multiPart("image", "x.jpg", jpeg(), "image/jpeg").when().post("/api/cases");
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isEqualTo("5");
                assertThat(r.contentType()).startsWith("application/json");
                assertThat(r.jsonPath().getString("error")).isEqualTo("store-unavailable");
            } finally {
                s3.restart();
            }
            assertThat(cases.drain(Duration.ofSeconds(2))).as("nothing announced").hasSize(before);
            given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).multiPart("image", "x.jpg", jpeg(), "image/jpeg")
                    .when().post("/api/cases").then().statusCode(202);
        }
    }
}
