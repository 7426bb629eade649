package org.lesionsim.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.EventCodec;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.storage.Checksums;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * {@code GET /api/cases/{id}/bundle} from the real store: every result file of the case with its
 * checksum in provenance.json, no clinical metadata; a case of another key is indistinguishable
 * from one that does not exist.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class BundleIT {
    private static final String CLINICAL = "{\"diagnosis\":\"mel\",\"ageYears\":61,\"sex\":\"female\",\"localization\":\"scalp\"}";

    @Inject
    ObjectStore store;

    private UUID caseOf(String submitter, boolean withResults) throws Exception {
        UUID caseId = UUID.randomUUID();
        store.put(ObjectKeys.caseSubmission(caseId), ("{\"submitter\":\"" + submitter + "\",\"dicom\":null}").getBytes(StandardCharsets.UTF_8),
                "application/json");
        store.put(ObjectKeys.caseClinicalMetadata(caseId), CLINICAL.getBytes(StandardCharsets.UTF_8), "application/json");
        if (withResults) {
            // ckpt-a: two walks of the same direction with different α lists, each in its own folder; ckpt-b: one
            for (String[] walk : new String[][]{{"ckpt-a", "1.0"}, {"ckpt-a", "2.0"}, {"ckpt-b", "1.0"}}) {
                String ckpt = walk[0];
                String folder = folder(caseId, ckpt, Double.parseDouble(walk[1]));
                for (int k = 0; k < 3; k++) {
                    store.put(folder + "frame-" + k + ".png", ("png " + ckpt + " " + k).getBytes(StandardCharsets.UTF_8), "image/png");
                }
                store.put(folder + "strip.png", ("strip " + ckpt).getBytes(StandardCharsets.UTF_8), "image/png");
                store.put(folder + "progression.gif", ("gif " + ckpt).getBytes(StandardCharsets.UTF_8), "image/gif");
                store.put(folder + "metrics.csv", "frame,alpha\n0,0\n".getBytes(StandardCharsets.UTF_8), "text/csv");
                store.put(folder + "metrics.png", ("plot " + ckpt).getBytes(StandardCharsets.UTF_8), "image/png");
                store.put(folder + "scored.json", ("{\"caseId\":\"" + caseId + "\",\"checkpointId\":\"" + ckpt
                        + "\",\"direction\":\"sefa:0\",\"simulationEventId\":\"" + UUID.randomUUID()
                        + "\",\"scoredEventId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8), "application/json");
            }
        }
        return caseId;
    }

    /** The simulation folder of a walk α = 0, {@code last} of direction sefa:0. */
    static String folder(UUID caseId, String ckpt, double last) {
        return ObjectKeys.simulationPrefix(caseId, ckpt, "sefa:0", "all", List.of(0.0, last), "fixed", null);
    }

    /** That folder as the bundle names it: relative to the case's simulations. */
    static String entry(UUID caseId, String ckpt, double last, String file) {
        return folder(caseId, ckpt, last).substring(ObjectKeys.simulationsOfCase(caseId).length()) + file;
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void theSenderGetsEveryResultFileWithItsChecksumAndNoClinicalData() throws Exception {
        UUID caseId = caseOf(TestKeys.HOSPITAL_ID, true);
        byte[] zip = given().header("X-Api-Key", TestKeys.HOSPITAL).when().get("/api/cases/" + caseId + "/bundle")
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries).hasSize(3 * 7 + 1).containsKey("provenance.json")
                .containsKeys(entry(caseId, "ckpt-a", 1.0, "frame-0.png"), entry(caseId, "ckpt-a", 1.0, "strip.png"),
                        entry(caseId, "ckpt-a", 2.0, "frame-0.png"), entry(caseId, "ckpt-a", 2.0, "progression.gif"),
                        entry(caseId, "ckpt-b", 1.0, "metrics.csv"), entry(caseId, "ckpt-b", 1.0, "metrics.png"));
        assertThat(entry(caseId, "ckpt-a", 1.0, "")).as("two α schedules, two folders").isNotEqualTo(entry(caseId, "ckpt-a", 2.0, ""))
                .startsWith("ckpt-a/sefa-0-");
        assertThat(entries.get(entry(caseId, "ckpt-b", 1.0, "progression.gif"))).isEqualTo("gif ckpt-b".getBytes(StandardCharsets.UTF_8));

        JsonNode provenance = EventCodec.mapper().readTree(entries.get("provenance.json"));
        assertThat(provenance.path("caseId").asText()).isEqualTo(caseId.toString());
        assertThat(provenance.path("checkpointIds").toString()).isEqualTo("[\"ckpt-a\",\"ckpt-b\"]");
        assertThat(provenance.path("events")).hasSize(3);
        assertThat(provenance.path("events").get(0).path("scoredEventId").asText()).hasSize(36);
        assertThat(provenance.path("files")).hasSize(21);
        for (JsonNode f : provenance.path("files")) {
            assertThat(Checksums.sha256Hex(entries.get(f.path("name").asText()))).as(f.path("name").asText())
                    .isEqualTo(f.path("sha256").asText());
        }
        String all = new String(zip, StandardCharsets.ISO_8859_1);
        assertThat(all).doesNotContain("scalp").doesNotContain("ageYears").doesNotContain("clinical");
    }

    @Test
    void anotherKeysCaseLooksLikeNoCaseAtAll() throws Exception {
        UUID caseId = caseOf(TestKeys.HOSPITAL_ID, true);
        given().header("X-Api-Key", TestKeys.OTHER_HOSPITAL).when().get("/api/cases/" + caseId + "/bundle")
                .then().statusCode(404).body("error", equalTo("no-such-case"));
        given().header("X-Api-Key", TestKeys.OTHER_HOSPITAL).when().get("/api/cases/" + UUID.randomUUID() + "/bundle")
                .then().statusCode(404).body("error", equalTo("no-such-case"));
        given().header("X-Api-Key", TestKeys.OTHER_HOSPITAL).when().get("/api/cases/not-a-uuid/bundle")
                .then().statusCode(404).body("error", equalTo("no-such-case"));
        given().header("X-Api-Key", TestKeys.OPERATOR).when().get("/api/cases/" + caseId + "/bundle")
                .then().statusCode(200).contentType("application/zip");
        given().header("X-Api-Key", TestKeys.RESEARCHER).when().get("/api/cases/" + caseId + "/bundle")
                .then().statusCode(403).body("error", equalTo("wrong-role"));
        given().when().get("/api/cases/" + caseId + "/bundle").then().statusCode(401).body("error", equalTo("missing-api-key"));
    }

    @Test
    void aCaseWithoutResultsYetSaysSo() throws Exception {
        UUID caseId = caseOf(TestKeys.HOSPITAL_ID, false);
        given().header("X-Api-Key", TestKeys.HOSPITAL).when().get("/api/cases/" + caseId + "/bundle")
                .then().statusCode(404).body("error", equalTo("no-results-yet"));
    }
}
