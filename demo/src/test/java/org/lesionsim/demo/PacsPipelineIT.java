package org.lesionsim.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lesionsim.dicom.UidPseudonym;
import org.lesionsim.infra.OrthancServer;
import org.lesionsim.storage.ObjectStore;

/**
 * A hospital PACS end to end, every piece real (Orthanc with DICOMweb, the KRaft broker, S3Proxy,
 * each worker as its packaged jar): an instance stored with identifying attributes comes back as
 * a scored result and a signed webhook that names it by its pseudonymous UIDs, and afterwards no
 * planted identifier and no real UID is anywhere in lesionsim: not in any object of the bucket
 * (keys and contents), not in any record on any topic (keys, values, headers), not in any worker's
 * log. Needs Orthanc ({@code apt-get install -y orthanc orthanc-dicomweb}); on CI its absence is a
 * failure, elsewhere the test is skipped with that instruction.
 */
class PacsPipelineIT {
    /** Identifiers as a modality writes them; none may leave the PACS. */
    private static final Map<String, String> PLANTED = Map.of(
            "PatientName", "QUIXOTE^ZELDA^MARIA",
            "PatientID", "MRN-PIPE-730215",
            "PatientBirthDate", "19471103",
            "InstitutionName", "Sankt Beispiel Klinikum",
            "AccessionNumber", "ACC-PIPE-55102",
            "ReferringPhysicianName", "WATSON^JOHN^HAMISH",
            "StudyDescription", "Naevus on left shoulder of Zelda Quixote",
            "OperatorsName", "NURSE^RATCHED");
    /** Also the parts a de-identifier could split off, and the birth date as ISO text. */
    private static final List<String> PLANTED_PARTS = List.of("QUIXOTE", "ZELDA", "RATCHED", "HAMISH", "1947-11-03", "Beispiel");

    @Test
    void aPacsInstanceComesBackScoredAndSignedAndNothingIdentifyingLeavesThePacs() throws Exception {
        if (!OrthancServer.isInstalled()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + OrthancServer.notInstalledReason());
            }
            Assumptions.abort("cannot run: " + OrthancServer.notInstalledReason());
        }
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path models = root.resolve("models");
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pacs-");
        String key = DemoPacs.newPseudonymKey();
        UidPseudonym pseudonym = UidPseudonym.fromSecret(key);
        List<String> deadLetters = DemoPacs.WORKERS.stream().map(w -> "dead-letter." + w).toList();
        List<String> topics = new ArrayList<>(List.of("cases.received", "metrics.scored"));
        topics.addAll(deadLetters);

        try (OrthancServer orthanc = OrthancServer.start(data.resolve("pacs"))) {
            DemoPacs pacs = new DemoPacs(orthanc, key);
            Map<String, String> config = new LinkedHashMap<>(pacs.followerConfig());
            config.put("ai.djl.pytorch.num_threads", "1");
            try (DemoStack stack = DemoStack.start(root, data, config, DemoPacs.WORKERS, pacs.followerEnvironment());
                 PipelineWatch watch = stack.watch(topics)) {
                ObjectStore store = stack.store();
                ShippedModels.publish(stack, store, models);

                Map<String, String> tags = new HashMap<>(PLANTED);
                tags.put("Modality", "XC");
                tags.put("BodyPartExamined", "SHOULDER");
                DemoPacs.Sent sent = pacs.store(DemoPacs.syntheticPng(3, 0), tags);
                OrthancServer.StoredInstance real = sent.stored();

                DemoPacs.Outcome outcome = DemoPacs.follow(watch, stack.webhook(), List.of(sent), deadLetters,
                        Duration.ofMinutes(10), x -> { }).get(0);
                assertThat(outcome.deadLetter()).as("dead letter").isNull();
                assertThat(outcome.caseId()).as("the instance became a case on cases.received").isNotNull();
                assertThat(outcome.scored()).as("metrics.scored for case " + outcome.caseId()).isTrue();
                assertThat(outcome.delivery()).as("the webhook of the submitting key got the result").isNotNull();
                assertThat(outcome.delivery().signatureOk()).as("HMAC signature").isTrue();
                JsonNode dicom = outcome.delivery().body().path("dicom");
                assertThat(dicom.path("studyUid").asText()).isEqualTo(pseudonym.of(real.studyUid()));
                assertThat(dicom.path("seriesUid").asText()).isEqualTo(pseudonym.of(real.seriesUid()));
                assertThat(dicom.path("sopInstanceUid").asText()).isEqualTo(pseudonym.of(real.sopInstanceUid()))
                        .isEqualTo(sent.pseudonymousSop());

                List<String> forbidden = new ArrayList<>(PLANTED.values());
                forbidden.addAll(PLANTED_PARTS);
                forbidden.addAll(List.of(real.studyUid(), real.seriesUid(), real.sopInstanceUid()));
                String caseId = outcome.caseId().toString();

                // The whole bucket: every key and every object's bytes.
                List<String> keys = store.list("");
                assertThat(keys).as("the case's objects are in the bucket").anyMatch(k -> k.contains(caseId));
                for (String k : keys) {
                    assertNoneIn("object key " + k, k, forbidden);
                    assertNoneIn("object " + k, new String(store.get(k), StandardCharsets.ISO_8859_1), forbidden);
                }
                // Every record on every topic, internal ones included.
                List<String> records = everyRecord(stack.bootstrapServers());
                assertThat(records).as("the topics carry the case").anyMatch(r -> r.contains(caseId));
                assertThat(records).as("and its pseudonymous UID").anyMatch(r -> r.contains(sent.pseudonymousSop()));
                for (String r : records) {
                    assertNoneIn("a record on the broker", r, forbidden);
                }
                // Every worker's log.
                List<Path> logs;
                try (Stream<Path> files = Files.list(stack.logs())) {
                    logs = files.toList();
                }
                assertThat(logs).as("one log per worker").hasSize(DemoPacs.WORKERS.size());
                for (Path log : logs) {
                    assertNoneIn("log " + log.getFileName(), Files.readString(log, StandardCharsets.ISO_8859_1), forbidden);
                }
            }
        }
    }

    private static void assertNoneIn(String where, String text, List<String> forbidden) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String f : forbidden) {
            assertThat(lower.contains(f.toLowerCase(Locale.ROOT))).as(where + " contains '" + f + "'").isFalse();
        }
    }

    /**
     * Key, value and headers of every record on every topic of the broker, internal ones included,
     * from the start to the end each partition had when the audit began (the case was delivered by
     * then). Reading to fixed end offsets, not "until quiet": the workers' periodic offset commits
     * keep {@code __consumer_offsets} from ever going quiet.
     */
    private static List<String> everyRecord(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, "false");
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics(Duration.ofSeconds(10)).forEach((topic, infos) ->
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition()))));
            assertThat(partitions).extracting(TopicPartition::topic).contains("cases.received", "metrics.scored", "__consumer_offsets");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!end.isEmpty()) {
                assertThat(System.nanoTime()).as("read every partition to its end offset within 60 s: left " + end)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder b = new StringBuilder(r.topic()).append(' ').append(r.key()).append(' ').append(r.value());
                    for (Header h : r.headers()) {
                        b.append(' ').append(h.key()).append('=')
                                .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.ISO_8859_1));
                    }
                    records.add(b.toString());
                }
                // position, not the last record's offset: compacted or transaction-marker offsets carry no record
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return records;
    }
}
