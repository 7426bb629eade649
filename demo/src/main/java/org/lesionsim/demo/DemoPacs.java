package org.lesionsim.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.lesionsim.data.synthetic.SyntheticLesionGenerator;
import org.lesionsim.dicom.UidPseudonym;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.infra.OrthancServer;

/**
 * The hospital's side of a PACS-fed demo: a real Orthanc (DICOMweb) holding synthetic lesions
 * as DICOM under fake but realistic patients, and the hospital's pseudonym key. It says how ingest
 * is to follow it ({@link #followerConfig}, {@link #followerEnvironment}) and follows each stored
 * instance to its case, its score and the signed webhook that brings the result back
 * ({@link #follow}). Only the hospital (this class) can map a pseudonymous UID to its real one.
 */
final class DemoPacs {
    /** Every worker a PACS case passes through, ending at the notifier's webhook. */
    static final List<String> WORKERS = List.of("ingest", "preprocess", "inversion", "directions", "progression", "metrics", "notifier");
    static final String NAME = "demo-pacs";
    /** Synthetic lesions at HAM10000's size, stored as RGB PNG through create-dicom. */
    private static final int WIDTH = 600;
    private static final int HEIGHT = 450;
    private static final String[] FAKE_NAMES = {"MUSTERMANN^ERIKA", "DOE^JOHN", "ROSSI^MARIA", "DUPONT^CLAIRE",
        "NOWAK^ANNA", "JANSEN^PIETER", "SILVA^JOAO", "KOWALSKI^JAN"};

    /** One instance stored: Orthanc's answer (its real UIDs), the SOP UID's pseudonym, when it was in the PACS (epoch ms). */
    record Sent(OrthancServer.StoredInstance stored, String pseudonymousSop, long storedMillis) {
    }

    /** What became of one stored instance so far; finished when scored and delivered, or dead-lettered. */
    record Outcome(Sent sent, UUID caseId, long caseReceivedMillis, boolean scored, DemoWebhook.Delivery delivery,
                   String deadLetter) {
        boolean finished() {
            return deadLetter != null || (scored && delivery != null);
        }
    }

    private final OrthancServer orthanc;
    private final String pseudonymKey;
    private final UidPseudonym pseudonym;

    DemoPacs(OrthancServer orthanc, String pseudonymKey) {
        this.orthanc = orthanc;
        this.pseudonymKey = pseudonymKey;
        this.pseudonym = UidPseudonym.fromSecret(pseudonymKey);
    }

    /** A fresh hospital key: 32 random bytes, base64url. Held by the hospital and by ingest, nowhere else. */
    static String newPseudonymKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    OrthancServer orthanc() {
        return orthanc;
    }

    /** Ingest follows this PACS every second; its cases are submitted as the demo's key, whose webhook is the DemoWebhook. */
    Map<String, String> followerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("lesionsim.pacs.url", orthanc.dicomWebRoot());
        config.put("lesionsim.pacs.name", NAME);
        config.put("lesionsim.pacs.submitter", DemoKeys.INGEST_ID);
        config.put("lesionsim.pacs.poll-interval", "1s");
        config.put("lesionsim.pacs.max-backoff", "5s");
        return config;
    }

    /** The pseudonym key goes to ingest alone, through its environment (a system property would show in {@code ps}). */
    Map<String, Map<String, String>> followerEnvironment() {
        return Map.of("ingest", Map.of("PACS_PSEUDONYM_KEY", pseudonymKey));
    }

    /** Stores one instance with {@code tags} (Modality XC, Secondary Capture unless the tags say otherwise). */
    Sent store(byte[] png, Map<String, String> tags) throws IOException {
        Map<String, String> t = new HashMap<>(tags);
        t.putIfAbsent("Modality", "XC");
        OrthancServer.StoredInstance stored = orthanc.storePng(png, t);
        return new Sent(stored, pseudonym.of(stored.sopInstanceUid()), System.currentTimeMillis());
    }

    /** Stores synthetic lesion {@code index} of {@code seed} under fake patient {@code index}. */
    Sent storeSyntheticLesion(long seed, int index) throws IOException {
        return store(syntheticPng(seed, index), fakePatientTags(index));
    }

    /** A synthetic lesion at 600×450 as RGB PNG; progression t spread over [0, 1] by index. */
    static byte[] syntheticPng(long seed, int index) {
        BufferedImage image = SyntheticLesionGenerator.render(seed * 1_000 + index, (index % 5) / 4.0, WIDTH, HEIGHT).image();
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(rgb, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Identifying attributes as a hospital's modality writes them, all invented: name, MRN, birth
     * date, sex, institution, accession number, referring physician, free-text description.
     */
    static Map<String, String> fakePatientTags(int index) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("PatientName", FAKE_NAMES[index % FAKE_NAMES.length]);
        tags.put("PatientID", String.format("FAKE-MRN-%06d", 480_000 + index));
        tags.put("PatientBirthDate", LocalDate.of(1950 + (index * 7) % 50, 1 + index % 12, 1 + (index * 3) % 28)
                .format(DateTimeFormatter.BASIC_ISO_DATE));
        tags.put("PatientSex", index % 2 == 0 ? "F" : "M");
        tags.put("InstitutionName", "Example University Dermatology Clinic");
        tags.put("AccessionNumber", String.format("FAKEACC%07d", 90_000 + index));
        tags.put("ReferringPhysicianName", "HOUSE^GREGORY");
        tags.put("StudyDescription", "Dermoscopy follow-up, pigmented lesion");
        tags.put("StudyDate", LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE));
        tags.put("Modality", "XC");
        tags.put("BodyPartExamined", index % 2 == 0 ? "ARM" : "BACK");
        return tags;
    }

    /**
     * Follows every instance in {@code sent} until each is scored and its webhook delivered, or
     * dead-lettered, or {@code timeout} passes; the outcomes come back in {@code sent}'s order.
     * {@code progress} hears how many are finished.
     */
    static List<Outcome> follow(PipelineWatch watch, DemoWebhook webhook, List<Sent> sent, List<String> deadLetterTopics,
                                Duration timeout, IntConsumer progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Outcome> outcomes = outcomes(watch, webhook, sent, deadLetterTopics);
        while (System.nanoTime() < deadline && !outcomes.stream().allMatch(Outcome::finished)) {
            progress.accept((int) outcomes.stream().filter(Outcome::finished).count());
            outcomes = outcomes(watch, webhook, sent, deadLetterTopics);
        }
        progress.accept((int) outcomes.stream().filter(Outcome::finished).count());
        return outcomes;
    }

    private static List<Outcome> outcomes(PipelineWatch watch, DemoWebhook webhook, List<Sent> sent, List<String> deadLetterTopics) {
        Map<String, ConsumerRecord<String, String>> casesBySop = new HashMap<>();
        for (ConsumerRecord<String, String> r : watch.seen("cases.received")) {
            CaseReceived c = EventCodec.fromJson(r.value(), CaseReceived.class);
            if (c.dicom() != null) {
                casesBySop.putIfAbsent(c.dicom().sopInstanceUid(), r);
            }
        }
        List<String> scoredCases = watch.seen("metrics.scored").stream()
                .map(r -> EventCodec.fromJson(r.value(), MetricsScored.class).caseId().toString()).toList();
        List<String> deadLetters = deadLetterTopics.stream().flatMap(t -> watch.seen(t).stream()).map(ConsumerRecord::value).toList();
        List<DemoWebhook.Delivery> deliveries = webhook == null ? List.of() : webhook.deliveries();
        List<Outcome> outcomes = new ArrayList<>();
        for (Sent s : sent) {
            ConsumerRecord<String, String> received = casesBySop.get(s.pseudonymousSop());
            UUID caseId = received == null ? null : EventCodec.fromJson(received.value(), CaseReceived.class).caseId();
            String id = caseId == null ? null : caseId.toString();
            String dead = deadLetters.stream()
                    .filter(d -> d.contains(s.pseudonymousSop()) || (id != null && d.contains(id))).findFirst().orElse(null);
            DemoWebhook.Delivery delivery = id == null ? null
                    : deliveries.stream().filter(d -> d.caseId().equals(id)).findFirst().orElse(null);
            outcomes.add(new Outcome(s, caseId, received == null ? 0 : received.timestamp(), id != null && scoredCases.contains(id),
                    delivery, dead));
        }
        return outcomes;
    }
}
