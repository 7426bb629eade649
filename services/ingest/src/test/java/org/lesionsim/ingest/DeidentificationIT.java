package org.lesionsim.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.imaging.PlantedIdentifiers;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectStore;

/**
 * De-identification at the edge, end to end: an upload with a patient's identifiers in every
 * metadata block (and in its file name) leaves them in no stored object, no key, no event and no
 * log line, and the event still carries the EXIF orientation and the checksum of what is stored.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
class DeidentificationIT {
    private static final String FILE_NAME = PlantedIdentifiers.NAME + "_" + PlantedIdentifiers.MRN;

    @Inject
    ObjectStore store;

    static BufferedImage picture() {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x60);
            }
        }
        return img;
    }

    static byte[] encode(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture(), format, out);
        return out.toByteArray();
    }

    @Test
    void noIdentifierFromAnUploadedJpegOrPngReachesTheStoreTheBrokerOrTheLog() throws Exception {
        java.nio.file.attribute.FileTime started = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(1));
        byte[] jpeg = PlantedIdentifiers.plantedJpeg(encode("jpg"), 6, ColorSpace.CS_sRGB, 2);
        byte[] png = PlantedIdentifiers.plantedPng(encode("png"), 8, ColorSpace.CS_LINEAR_RGB);
        assertThat(PlantedIdentifiers.foundIn(jpeg)).as("planted").isNotEmpty();
        assertThat(PlantedIdentifiers.foundIn(png)).as("planted").isNotEmpty();

        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription cases = probe.subscribe("cases.received")) {
            for (Object[] upload : List.of(new Object[] {jpeg, "jpg", "image/jpeg", 6}, new Object[] {png, "png", "image/png", 8})) {
                String caseId = given().header("Authorization", "Bearer " + TestKeys.HOSPITAL)
                        .multiPart("image", FILE_NAME + "." + upload[1], (byte[]) upload[0], (String) upload[2])
                        .multiPart("metadata", "{\"diagnosis\":\"nv\",\"ageYears\":41}", "application/json")
                        .when().post("/api/cases")
                        .then().statusCode(202)
                        .extract().path("caseId");

                ConsumerRecord<String, String> record = cases.await(r -> caseId.equals(r.key()), Duration.ofSeconds(30));
                EventSchemas.assertValid(record.value());
                assertThat(PlantedIdentifiers.foundIn(record.value().getBytes(StandardCharsets.UTF_8))).as("event payload").isEmpty();
                for (Header h : record.headers()) {
                    assertThat(PlantedIdentifiers.containsIdentifier(h.key())).as("header key %s", h.key()).isFalse();
                    assertThat(PlantedIdentifiers.foundIn(h.value() == null ? new byte[0] : h.value())).as("header %s", h.key()).isEmpty();
                }
                CaseReceived event = EventCodec.fromJson(record.value(), CaseReceived.class);
                assertThat(event.exifOrientation()).isEqualTo(upload[3]);

                List<String> keys = store.list("cases/" + caseId + "/");
                assertThat(keys).contains(event.original().key());
                for (String key : keys) {
                    assertThat(PlantedIdentifiers.containsIdentifier(key)).as(key).isFalse();
                    assertThat(PlantedIdentifiers.foundIn(store.get(key))).as("stored object %s", key).isEmpty();
                }
                byte[] stored = store.get(event.original());
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)))
                        .isEqualTo(event.original().sha256());
                assertThat(stored.length).as("metadata gone").isLessThan(((byte[]) upload[0]).length);
                assertThat(ImageIO.read(new java.io.ByteArrayInputStream(stored)).getWidth()).isEqualTo(64);
            }
        }

        Path logFile = Path.of("target", "ingest-test.log");
        assertThat(Files.getLastModifiedTime(logFile)).as("the test profile writes a file log, this run").isGreaterThan(started);
        List<String> log = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
        assertThat(log).anySatisfy(line -> assertThat(line).contains("de-identified an original"));
        assertThat(log).noneMatch(line -> PlantedIdentifiers.containsIdentifier(line)
                || !PlantedIdentifiers.foundIn(line.getBytes(StandardCharsets.ISO_8859_1)).isEmpty());
    }

    @Test
    void aFolderImportCountsABrokenImageAsFailedAndStoresTheOtherStripped() throws Exception {
        Path root = Path.of("target", "deid-" + java.util.UUID.randomUUID()).toAbsolutePath();
        Path images = Files.createDirectories(root.resolve("HAM10000_images_part_1"));
        byte[] jpeg = encode("jpg");
        Files.write(images.resolve("ISIC_0031001.jpg"), PlantedIdentifiers.plantedJpeg(jpeg, 1, ColorSpace.CS_sRGB, 1));
        Files.write(images.resolve("ISIC_0031002.jpg"), Arrays.copyOf(jpeg, jpeg.length - 30)); // no EOI
        Files.write(root.resolve("HAM10000_metadata.csv"), List.of("lesion_id,image_id,dx,dx_type,age,sex,localization",
                "HAM_0031001,ISIC_0031001,nv,histo,40.0,female,back", "HAM_0031002,ISIC_0031002,nv,histo,40.0,female,back"));

        String importId = given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).contentType("application/json").body(java.util.Map.of("path", root.toString()))
                .when().post("/api/imports").then().statusCode(202).extract().path("importId");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).when().get("/api/imports/" + importId).then().extract().path("done"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).when().get("/api/imports/" + importId).then().statusCode(200)
                .body("submitted", equalTo(1)).body("failed", equalTo(1)).body("done", equalTo(true));
    }

    @Test
    void aJpegOrPngWhoseContainerIsBrokenIsRefusedWith422() throws Exception {
        byte[] jpeg = encode("jpg");
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).multiPart("image", "cut.jpg", Arrays.copyOf(jpeg, jpeg.length - 30), "image/jpeg")
                .when().post("/api/cases")
                .then().statusCode(422).body("error", equalTo("unreadable-image"));
        byte[] png = encode("png");
        png[20] ^= 0x01; // inside IHDR: its CRC fails
        given().header("Authorization", "Bearer " + TestKeys.HOSPITAL).multiPart("image", "bad.png", png, "image/png")
                .when().post("/api/cases")
                .then().statusCode(422).body("error", equalTo("unreadable-image"));
    }
}
