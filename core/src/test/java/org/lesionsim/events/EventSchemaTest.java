package org.lesionsim.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Schemas, examples and records describe the same events: drift in any one of them fails here. */
class EventSchemaTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exampleMatchesItsSchema(EventType type) {
        assertThat(EventSchemas.errors(EventSchemas.example(type))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exampleRoundTripsThroughItsRecordUnchanged(EventType type) throws Exception {
        String example = EventSchemas.example(type);
        LesionEvent event = EventCodec.fromJson(example, type.recordClass());
        String reencoded = EventCodec.toJson(event);
        JsonNode expected = EventCodec.mapper().readTree(example);
        JsonNode actual = EventCodec.mapper().readTree(reencoded);
        assertThat(actual).isEqualTo(expected);
        EventSchemas.assertValid(reencoded);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsAnUnknownField(EventType type) throws Exception {
        ObjectNode node = (ObjectNode) EventCodec.mapper().readTree(EventSchemas.example(type));
        node.put("patientName", "x");
        assertThat(EventSchemas.errors(node.toString())).isNotEmpty();
        assertThatThrownBy(() -> EventCodec.fromJson(node.toString(), type.recordClass()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("patientName");
    }

    @Test
    void decodingNamesTheMissingField() throws Exception {
        ObjectNode node = (ObjectNode) EventCodec.mapper().readTree(EventSchemas.example(EventType.CASE_RECEIVED));
        node.remove("original");
        assertThatThrownBy(() -> EventCodec.fromJson(node.toString(), CaseReceived.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("original");
    }

    @Test
    void decodingRejectsWrongTypeVersionAndNonJson() {
        String preprocessed = EventSchemas.example(EventType.IMAGE_PREPROCESSED);
        assertThatThrownBy(() -> EventCodec.fromJson(preprocessed, CaseReceived.class))
                .hasMessageContaining("expected type 'case.received'");
        String v2 = EventSchemas.example(EventType.CASE_RECEIVED).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2")
                .replace("\"schemaVersion\": 1", "\"schemaVersion\": 2");
        assertThatThrownBy(() -> EventCodec.fromJson(v2, CaseReceived.class)).hasMessageContaining("schemaVersion 2");
        assertThatThrownBy(() -> EventCodec.fromJson("{not json", CaseReceived.class)).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventCodec.fromJson("[1,2]", CaseReceived.class)).hasMessageContaining("not a JSON object");
    }

    @Test
    void recordsBuiltInCodeMatchTheirSchema() {
        ObjectRef ref = new ObjectRef("cases/" + UUID.randomUUID() + "/original.png", "0".repeat(64), 10, "image/png");
        CaseReceived event = new CaseReceived(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null,
                CaseReceived.Source.imported, ref, null, Diagnosis.MEL, UUID.randomUUID());
        String json = EventCodec.toJson(event);
        EventSchemas.assertValid(json);
        assertThat(json).contains("\"type\":\"case.received\"", "\"source\":\"import\"", "\"diagnosis\":\"mel\"");
        assertThat(event.partitionKey()).isEqualTo(event.caseId().toString());
    }

    @Test
    void everyTypeHasASchemaAndAnExample() {
        for (EventType type : EventType.values()) {
            assertThat(EventSchemas.schema(type)).as(type.schemaResource()).isNotNull();
            assertThat(EventSchemas.example(type)).contains(type.typeName());
        }
    }

    @Test
    void eventsWrittenBeforeTheVerdictAndTheInputRefsStillDecodeWithThemNull() throws Exception {
        ObjectNode scored = (ObjectNode) EventCodec.mapper().readTree(EventSchemas.example(EventType.METRICS_SCORED));
        scored.remove(java.util.List.of("verdict", "scoredStrip"));
        assertThat(EventSchemas.errors(scored.toString())).isEmpty();
        MetricsScored old = EventCodec.fromJson(scored.toString(), MetricsScored.class);
        assertThat(old.verdict()).isNull();
        assertThat(old.scoredStrip()).isNull();
        assertThat(old.monotone()).isTrue();

        ObjectNode rendered = (ObjectNode) EventCodec.mapper().readTree(EventSchemas.example(EventType.SIMULATION_RENDERED));
        rendered.remove(java.util.List.of("input", "reconstruction"));
        assertThat(EventSchemas.errors(rendered.toString())).isEmpty();
        SimulationRendered walk = EventCodec.fromJson(rendered.toString(), SimulationRendered.class);
        assertThat(walk.input()).isNull();
        assertThat(walk.reconstruction()).isNull();

        ObjectNode noStrip = (ObjectNode) EventCodec.mapper().readTree(EventSchemas.example(EventType.SIMULATION_RENDERED));
        noStrip.remove("strip");
        assertThatThrownBy(() -> EventCodec.fromJson(noStrip.toString(), SimulationRendered.class))
                .as("only components added later may be absent").isInstanceOf(MalformedEventException.class).hasMessageContaining("strip");
    }

    @Test
    void aVerdictSaysWhatFailedWhenNotCredibleAndNothingWhenCredible() {
        MetricsScored.VerdictBounds bounds = new MetricsScored.VerdictBounds(0.9, 6.0, 0.1);
        assertThatThrownBy(() -> new MetricsScored.Verdict(MetricsScored.VerdictStatus.notCredible, java.util.List.of(), null, bounds))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> new MetricsScored.Verdict(MetricsScored.VerdictStatus.credible, java.util.List.of(
                new MetricsScored.FailedCondition("SKIN_SHIFT", "dE 7", java.util.List.of(), 7.0)), null, bounds))
                .isInstanceOf(MalformedEventException.class);
    }
}
