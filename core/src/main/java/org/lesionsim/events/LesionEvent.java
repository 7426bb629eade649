package org.lesionsim.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * What every lesionsim event carries: an id, a type, a time, the case or job it is about (also
 * the Kafka key, so one case stays ordered on one partition), the checkpoint it was made with
 * (provenance) and a schema version. Events are small claim-checks: object keys and SHA-256
 * sums, never image bytes.
 */
@JsonIgnoreProperties(value = {"type", "schemaVersion"}, allowGetters = true)
public sealed interface LesionEvent
        permits CaseReceived, ImagePreprocessed, LatentsInverted, DirectionsComputed, SimulationRequested,
                SimulationRendered, MetricsScored, TrainingRequested, TrainingProgress, CheckpointPublished,
                DeadLetter {

    int SCHEMA_VERSION = 1;

    UUID eventId();

    Instant time();

    /** The Kafka message key: the case id, or the job id for job-level events. */
    String partitionKey();

    @JsonProperty("type")
    default String type() {
        return EventType.of(getClass()).typeName();
    }

    @JsonProperty("schemaVersion")
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
