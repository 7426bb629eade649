package org.lesionsim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventType;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.LesionEvent;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.SimulationRendered;

/**
 * The view is the same whatever order the topics are read in: a restart reads them side by side,
 * so a score may come before the rendering it scores, a dead letter after the stage that followed
 * its replay. Only the order within one topic partition (one case) is given.
 */
class ConsoleViewTest {
    private static final ObjectRef REF = new ObjectRef("x/y.png", "0".repeat(64), 1, "image/png");

    record Record(String topic, String value) {
    }

    private static Record record(LesionEvent e) {
        String topic = e instanceof DeadLetter d ? "dead-letter." + d.worker() : EventType.of(e.getClass()).topic();
        return new Record(topic, EventCodec.toJson(e));
    }

    /** Per topic in order, but topics interleaved at random: what reading them side by side can give. */
    private static List<Record> interleave(List<Record> records, Random random) {
        Map<String, List<Record>> byTopic = new java.util.LinkedHashMap<>();
        records.forEach(r -> byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r));
        List<List<Record>> queues = new ArrayList<>(byTopic.values().stream().map(ArrayList::new).toList());
        List<Record> out = new ArrayList<>();
        while (!queues.isEmpty()) {
            List<Record> q = queues.get(random.nextInt(queues.size()));
            out.add(q.remove(0));
            if (q.isEmpty()) {
                queues.remove(q);
            }
        }
        return out;
    }

    @Test
    void everyInterleavingOfTheTopicsFoldsToTheSameView() {
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        List<Record> records = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID caseId = UUID.randomUUID();
            ids.add(caseId);
            Instant ti = t.plusSeconds(10L * i);
            CaseReceived received = new CaseReceived(UUID.randomUUID(), ti, caseId, null, CaseReceived.Source.upload, REF, null,
                    Diagnosis.NV, null, null, "k", null);
            records.add(record(received));
            if (i == 1) { // dead-lettered by preprocess and left there
                records.add(record(new DeadLetter(UUID.randomUUID(), ti.plusSeconds(1), "cases.received", "preprocess", "X", "x",
                        caseId.toString(), EventCodec.toJson(received))));
                continue;
            }
            if (i == 2) { // dead-lettered, replayed, then preprocessed
                records.add(record(new DeadLetter(UUID.randomUUID(), ti.plusSeconds(1), "cases.received", "preprocess", "X", "x",
                        caseId.toString(), EventCodec.toJson(received))));
            }
            ImagePreprocessed pre = new ImagePreprocessed(UUID.randomUUID(), ti.plusSeconds(2), caseId, null, received.eventId(), REF, REF,
                    64, "pp", 64, 64, 1, Diagnosis.NV);
            records.add(record(pre));
            if (i >= 3) {
                SimulationRendered rendered = new SimulationRendered(UUID.randomUUID(), ti.plusSeconds(3), caseId, "enc", null,
                        pre.eventId(), "sefa:0", "all", List.of(0.0, 1.0), List.of(REF, REF), REF, REF, Diagnosis.NV);
                records.add(record(rendered));
                records.add(record(new MetricsScored(UUID.randomUUID(), ti.plusSeconds(4), caseId, "enc", rendered.eventId(),
                        List.of(0.0, 1.0), List.of(), null, REF, REF)));
            }
        }
        List<String> expected = null;
        for (int seed = 0; seed < 40; seed++) {
            ConsoleView view = new ConsoleView();
            interleave(records, new Random(seed)).forEach(r -> view.apply(r.topic(), r.value()));
            List<String> got = ids.stream().map(id -> id + "=" + view.caseState(id).orElseThrow().state() + "/"
                    + view.caseState(id).orElseThrow().simulations.stream()
                    .map(s -> view.simulation(s).orElseThrow().state()).toList()).toList();
            if (expected == null) {
                expected = got;
                assertThat(got.stream().map(g -> g.substring(37)).toList()).containsExactly("preprocessed/[]", "dead-lettered/[]",
                        "preprocessed/[]", "scored/[scored]", "scored/[scored]", "scored/[scored]");
            }
            assertThat(got).as("interleaving " + seed).isEqualTo(expected);
        }
    }

    @Test
    void aRecordThatIsNoEventIsCountedAndSkipped() {
        ConsoleView view = new ConsoleView();
        view.apply("cases.received", "{not json");
        view.apply("cases.received", "{\"type\":\"case.received\"}");
        assertThat(view.undecodable()).isEqualTo(2);
        assertThat(view.caseCount()).isZero();
        assertThat(view.topicStats().get("cases.received").events).isEqualTo(2);
    }

    @Test
    void aRefusedTrainingJobStaysDeadLetteredAndAFailedRequestedSimulationLeavesItsCaseAlone() {
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        UUID jobId = UUID.randomUUID();
        var request = new org.lesionsim.events.TrainingRequested(UUID.randomUUID(), t, jobId, null,
                org.lesionsim.events.TrainingRequested.Stage.generator, "datasets/x/", "cpu", Map.of(), 1, 0, null);
        // The trainer publishes "failed" first, then the dead letter.
        var failed = new org.lesionsim.events.TrainingProgress(UUID.randomUUID(), t.plusSeconds(1), jobId, null,
                org.lesionsim.events.TrainingProgress.Status.failed, 0, 0, null, Map.of(), null, Map.of(), "no images", "cpu()");
        var refused = new DeadLetter(UUID.randomUUID(), t.plusSeconds(2), "jobs.train", "trainer", "DATASET_EMPTY", "no images",
                jobId.toString(), EventCodec.toJson(request));

        UUID caseId = UUID.randomUUID();
        CaseReceived received = new CaseReceived(UUID.randomUUID(), t, caseId, null, CaseReceived.Source.upload, REF, null,
                Diagnosis.NV, null, null, "k", null);
        UUID simId = UUID.randomUUID();
        SimulationRendered asked = new SimulationRendered(UUID.randomUUID(), t.plusSeconds(5), caseId, "enc", simId,
                UUID.randomUUID(), "sefa:0", "all", List.of(0.0, 1.0), List.of(REF, REF), REF, REF, Diagnosis.NV);
        var unscorable = new DeadLetter(UUID.randomUUID(), t.plusSeconds(6), "simulations.rendered", "metrics", "FRAME_MISSING",
                "a frame is gone", caseId.toString(), EventCodec.toJson(asked));
        ImagePreprocessed pre = new ImagePreprocessed(UUID.randomUUID(), t.plusSeconds(1), caseId, null, received.eventId(), REF, REF,
                64, "pp", 64, 64, 1, Diagnosis.NV);
        List<Record> records = List.of(record(request), record(failed), record(refused), record(received), record(pre),
                record(asked), record(unscorable));
        for (int seed = 0; seed < 20; seed++) {
            ConsoleView view = new ConsoleView();
            interleave(records, new Random(seed)).forEach(r -> view.apply(r.topic(), r.value()));
            assertThat(view.trainingJob(jobId).orElseThrow().state()).as("interleaving " + seed).isEqualTo("dead-lettered");
            assertThat(view.simulation(simId).orElseThrow().state()).isEqualTo("dead-lettered");
            assertThat(view.caseState(caseId).orElseThrow().state()).as("the case itself is not dead-lettered")
                    .isEqualTo("rendered");
        }
    }
}
