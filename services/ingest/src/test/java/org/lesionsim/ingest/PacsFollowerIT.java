package org.lesionsim.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lesionsim.dicom.UidPseudonym;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.DicomPseudonyms;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventSchemas;
import org.lesionsim.infra.OrthancServer;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * Instances stored in a real Orthanc become cases through the real broker and S3 server: each one
 * exactly once, under the HMAC pseudonyms of its UIDs, with no planted identifier or real UID in
 * any stored object, key, event or log line; refused instances become dead letters with their
 * reason; an outage of the PACS turns readiness DOWN and loses nothing.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureResource.class)
@QuarkusTestResource(value = PacsResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PacsFollowerIT {
    private static final int GOOD = 30;
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    /** Identifiers planted in every instance; none may leave the PACS. */
    private static final Map<String, String> PLANTED = Map.of(
            "PatientName", "DOE^JANE",
            "PatientID", "MRN-PACS-4711",
            "PatientBirthDate", "19580312",
            "InstitutionName", "St Example Hospital",
            "AccessionNumber", "ACC-PACS-0042",
            "ReferringPhysicianName", "HOUSE^GREGORY",
            "StudyDescription", "Mole on left arm of Jane");
    /** Real UIDs of every instance stored, which must not leave the PACS either. */
    private static final List<String> REAL_UIDS = new ArrayList<>();
    private static final Map<String, OrthancServer.StoredInstance> GOOD_BY_PSEUDONYM = new LinkedHashMap<>();
    private static final UidPseudonym PSEUDONYM = UidPseudonym.fromSecret(PacsResource.KEY);

    @Inject
    ObjectStore store;

    @BeforeEach
    void orthancIsThere() {
        Assumptions.assumeTrue(PacsResource.orthanc != null, "cannot run: " + OrthancServer.notInstalledReason());
    }

    @Test
    @Order(1)
    void everyDermoscopyInstanceBecomesExactlyOneDeidentifiedCaseAndTheRestDeadLetters() throws Exception {
        OrthancServer orthanc = PacsResource.orthanc;
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription cases = probe.subscribe("cases.received");
             TopicProbe.Subscription dead = probe.subscribe("dead-letter.ingest")) {
            long t0 = System.nanoTime();
            for (int i = 0; i < GOOD; i++) {
                Map<String, String> tags = new HashMap<>(PLANTED);
                tags.put("Modality", i % 2 == 0 ? "XC" : "OT");
                tags.put("BodyPartExamined", "ARM");
                OrthancServer.StoredInstance s = orthanc.storePng(png(i, true), tags);
                remember(s);
                GOOD_BY_PSEUDONYM.put(PSEUDONYM.of(s.sopInstanceUid()), s);
            }
            double storeSeconds = (System.nanoTime() - t0) / 1e9;
            Map<String, String> badReasons = new LinkedHashMap<>();
            badReasons.put(pseudonymOf(store(orthanc, png(100, true), Map.of("Modality", "XC", "NumberOfFrames", "2"))), "MULTI_FRAME");
            badReasons.put(pseudonymOf(store(orthanc, png(101, true), Map.of("Modality", "OT", "SOPClassUID", CT_IMAGE_STORAGE))), "NOT_DERMOSCOPY");
            badReasons.put(pseudonymOf(store(orthanc, png(102, false), Map.of("Modality", "XC"))), "UNSUPPORTED_PHOTOMETRIC");
            // Modality CT is not even listed by the QIDO-RS search (Modality=XC,OT): no case, no dead letter, no marker
            String ct = pseudonymOf(store(orthanc, png(103, true), Map.of("Modality", "CT")));

            Set<String> expected = GOOD_BY_PSEUDONYM.keySet();
            for (String sop : expected) {
                cases.await(r -> sop.equals(pacsSop(r)), Duration.ofSeconds(60));
            }
            double endToEnd = (System.nanoTime() - t0) / 1e9;
            System.out.printf("PACS follower (measured in PacsFollowerIT): %d instances stored in Orthanc in %.2f s; "
                    + "store-in-Orthanc -> cases.received for all of them in %.2f s = %.1f instances/s%n",
                    GOOD, storeSeconds, endToEnd, GOOD / endToEnd);
            for (String sop : badReasons.keySet()) {
                dead.await(r -> r.value().contains(sop), Duration.ofSeconds(30));
            }
            List<ConsumerRecord<String, String>> all = cases.drain(Duration.ofSeconds(3));

            Map<String, List<CaseReceived>> bySop = all.stream().map(r -> {
                EventSchemas.assertValid(r.value());
                return EventCodec.fromJson(r.value(), CaseReceived.class);
            }).filter(e -> e.source() == CaseReceived.Source.pacs).collect(Collectors.groupingBy(e -> e.dicom().sopInstanceUid()));
            assertThat(bySop.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            for (Map.Entry<String, List<CaseReceived>> e : bySop.entrySet()) {
                assertThat(e.getValue()).as("events for %s", e.getKey()).hasSize(1);
                CaseReceived event = e.getValue().get(0);
                OrthancServer.StoredInstance real = GOOD_BY_PSEUDONYM.get(e.getKey());
                assertThat(event.dicom()).isEqualTo(new DicomPseudonyms(PSEUDONYM.of(real.studyUid()),
                        PSEUDONYM.of(real.seriesUid()), PSEUDONYM.of(real.sopInstanceUid())));
                assertThat(event.diagnosis()).isNull();
                byte[] original = store.get(event.original());
                assertThat(original).startsWith(0x89, 'P', 'N', 'G');
                assertThat(event.original().contentType()).isEqualTo("image/png");
                String clinical = new String(store.get(event.clinicalMetadata()), StandardCharsets.UTF_8);
                assertThat(clinical).contains("\"localization\":\"arm\"").contains("\"dataset\":\"pacs\"")
                        .contains("\"ageYears\":null").contains("\"sex\":null");
                assertThat(store.exists(ObjectKeys.pacsSeen(PacsResource.NAME, e.getKey()))).isTrue();
            }

            List<DeadLetter> letters = dead.drain(Duration.ofMillis(500)).stream()
                    .map(r -> { EventSchemas.assertValid(r.value()); return EventCodec.fromJson(r.value(), DeadLetter.class); })
                    .filter(d -> d.sourceTopic().equals("pacs." + PacsResource.NAME)).toList();
            Map<String, String> reasonBySop = new HashMap<>();
            for (DeadLetter d : letters) {
                for (String sop : badReasons.keySet()) {
                    if (d.originalEvent().contains(sop)) {
                        reasonBySop.put(sop, d.reasonCode());
                    }
                }
            }
            assertThat(reasonBySop).isEqualTo(badReasons);
            assertThat(letters).hasSize(badReasons.size());
            for (String sop : badReasons.keySet()) {
                assertThat(store.list(ObjectKeys.casePrefix(caseIdOf(sop)))).as("no case for refused %s", sop).isEmpty();
                assertThat(store.exists(ObjectKeys.pacsSeen(PacsResource.NAME, sop))).as("refused once, not retried forever").isTrue();
            }
            assertThat(store.exists(ObjectKeys.pacsSeen(PacsResource.NAME, ct))).isFalse();
            assertThat(store.list(ObjectKeys.casePrefix(caseIdOf(ct)))).isEmpty();

            assertNothingIdentifying(all.stream().map(ConsumerRecord::value).toList());
            assertNothingIdentifying(letters.stream().map(EventCodec::toJson).toList());
        }
    }

    @Test
    @Order(2)
    void anOutageTurnsReadinessDownAndLosesNothing() throws Exception {
        OrthancServer orthanc = PacsResource.orthanc;
        try (TopicProbe probe = new TopicProbe(LocalInfrastructureResource.infrastructure().broker().bootstrapServers());
             TopicProbe.Subscription cases = probe.subscribe("cases.received")) {
            orthanc.stop();
            awaitReadiness(503, "DOWN");
            String body = given().get("/q/health/ready").then().extract().asString();
            assertThat(body).contains("\"pacs\"").contains("reason");

            orthanc.restart(); // same port, same storage: everything stored before is there again
            Map<String, String> tags = new HashMap<>(PLANTED);
            tags.put("Modality", "XC");
            OrthancServer.StoredInstance late = orthanc.storePng(png(200, true), tags);
            remember(late);
            String lateSop = PSEUDONYM.of(late.sopInstanceUid());
            GOOD_BY_PSEUDONYM.put(lateSop, late);
            awaitReadiness(200, "UP");
            cases.await(r -> lateSop.equals(pacsSop(r)), Duration.ofSeconds(60));

            List<ConsumerRecord<String, String>> all = cases.drain(Duration.ofSeconds(4));
            Map<String, Long> perSop = all.stream().map(ConsumerRecord::value).map(v -> EventCodec.fromJson(v, CaseReceived.class))
                    .filter(e -> e.source() == CaseReceived.Source.pacs)
                    .collect(Collectors.groupingBy(e -> e.dicom().sopInstanceUid(), Collectors.counting()));
            assertThat(perSop.keySet()).as("nothing lost").containsExactlyInAnyOrderElementsOf(GOOD_BY_PSEUDONYM.keySet());
            assertThat(perSop.values()).as("nothing duplicated").allMatch(n -> n == 1L);

            // the whole bucket: no key and no object carries a planted identifier or a real UID
            List<String> keys = store.list("");
            assertThat(keys).isNotEmpty();
            List<String> contents = new ArrayList<>(keys);
            for (String key : keys) {
                contents.add(new String(store.get(key), StandardCharsets.ISO_8859_1));
            }
            assertNothingIdentifying(contents);
            assertNothingIdentifying(all.stream().map(ConsumerRecord::value).toList());
            Path log = Path.of("target", "ingest-test.log");
            assertThat(log).exists();
            String logText = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertNothingIdentifying(List.of(logText));
            assertThat(logText).doesNotContain(PacsResource.KEY);
        }
    }

    private static void awaitReadiness(int status, String word) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (true) {
                var response = given().get("/q/health/ready").then().extract();
                if (response.statusCode() == status && response.asString().contains("\"" + word + "\"")) {
                    return;
                }
                Thread.sleep(250);
            }
        }, "readiness never became " + word);
    }

    private static void assertNothingIdentifying(List<String> texts) {
        for (String text : texts) {
            for (String planted : PLANTED.values()) {
                assertThat(text).as("planted identifier").doesNotContain(planted);
            }
            for (String uid : REAL_UIDS) {
                assertThat(text).as("real UID").doesNotContain(uid);
            }
        }
    }

    private static String pacsSop(ConsumerRecord<String, String> r) {
        if (!r.value().contains("\"pacs\"")) {
            return null;
        }
        CaseReceived e = EventCodec.fromJson(r.value(), CaseReceived.class);
        return e.dicom() == null ? null : e.dicom().sopInstanceUid();
    }

    private static UUID caseIdOf(String pseudonymousSop) {
        return UUID.nameUUIDFromBytes(("pacs|" + pseudonymousSop).getBytes(StandardCharsets.UTF_8));
    }

    private static OrthancServer.StoredInstance store(OrthancServer orthanc, byte[] png, Map<String, String> extra) throws Exception {
        Map<String, String> tags = new HashMap<>(PLANTED);
        tags.putAll(extra);
        OrthancServer.StoredInstance s = orthanc.storePng(png, tags);
        remember(s);
        return s;
    }

    private static void remember(OrthancServer.StoredInstance s) {
        REAL_UIDS.addAll(List.of(s.studyUid(), s.seriesUid(), s.sopInstanceUid()));
    }

    private static String pseudonymOf(OrthancServer.StoredInstance s) {
        return PSEUDONYM.of(s.sopInstanceUid());
    }

    /** A small photograph-like PNG, different for every seed; grey (one channel) when not colour. */
    private static byte[] png(int seed, boolean colour) throws Exception {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(64, 48, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
