package org.lesionsim.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;

/** A HAM10000-layout folder imported through the API ends as one case.received per kept image. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class FolderImportIT {

    @Test
    void importsTheKeptClassesOfAHam10000Folder() throws Exception {
        Path root = Path.of("target", "ham-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(root.resolve("HAM10000_images_part_1"));
        List<String> rows = new ArrayList<>(List.of("lesion_id,image_id,dx,dx_type,age,sex,localization"));
        String[] dx = {"nv", "mel", "bkl"};
        for (int i = 0; i < 9; i++) {
            String id = "ISIC_00250" + i;
            ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "jpg",
                    root.resolve("HAM10000_images_part_1").resolve(id + ".jpg").toFile());
            rows.add("HAM_000000" + i + "," + id + "," + dx[i % 3] + ",histo," + (i == 0 ? "" : "50.0") + ",female,face");
        }
        Files.write(root.resolve("HAM10000_metadata.csv"), rows);

        String importId = given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).contentType("application/json")
                .body(Map.of("path", root.toString(), "classes", List.of("nv", "mel")))
                .when().post("/api/imports")
                .then().statusCode(202).body("total", equalTo(6))
                .extract().path("importId");

        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription cases = probe.subscribe("cases.received")) {
            List<CaseReceived> ours = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ours.size() < 6 && System.nanoTime() < deadline) {
                ours = cases.drain(Duration.ofMillis(500)).stream()
                        .map(r -> EventCodec.fromJson(r.value(), CaseReceived.class))
                        .filter(e -> e.importId() != null && e.importId().toString().equals(importId)).toList();
            }
            assertThat(ours).hasSize(6);
            ours.forEach(e -> EventSchemas.assertValid(EventCodec.toJson(e)));
            assertThat(ours.stream().collect(Collectors.groupingBy(e -> e.diagnosis().code(), Collectors.counting())))
                    .containsEntry("nv", 3L).containsEntry("mel", 3L);
            assertThat(ours).allSatisfy(e -> assertThat(e.source()).isEqualTo(CaseReceived.Source.imported));
        }
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).when().get("/api/imports/" + importId).then().statusCode(200).body("submitted", equalTo(6)).body("done", equalTo(true));
    }

    @Test
    void foldersOutsideTheImportRootsOrNotInTheLayoutAreRefused() throws Exception {
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).contentType("application/json").body(Map.of("path", "/etc"))
                .when().post("/api/imports").then().statusCode(403).body("error", equalTo("path-not-allowed"));
        Path empty = Files.createDirectories(Path.of("target", "empty-" + UUID.randomUUID()).toAbsolutePath());
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).contentType("application/json").body(Map.of("path", empty.toString()))
                .when().post("/api/imports").then().statusCode(422).body("error", equalTo("not-ham10000-layout"));
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).contentType("application/json").body(Map.of("classes", List.of("nv")))
                .when().post("/api/imports").then().statusCode(400);
    }
}
