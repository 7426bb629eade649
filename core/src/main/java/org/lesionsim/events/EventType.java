package org.lesionsim.events;

import java.util.Arrays;

/** Each event type with its record, its default topic and its JSON Schema (schemas/{topic}.schema.json). */
public enum EventType {
    CASE_RECEIVED("case.received", "cases.received", CaseReceived.class),
    IMAGE_PREPROCESSED("image.preprocessed", "images.preprocessed", ImagePreprocessed.class),
    LATENTS_INVERTED("latents.inverted", "latents.inverted", LatentsInverted.class),
    DIRECTIONS_COMPUTED("directions.computed", "directions.computed", DirectionsComputed.class),
    SIMULATION_REQUESTED("simulation.requested", "jobs.simulate", SimulationRequested.class),
    SIMULATION_RENDERED("simulation.rendered", "simulations.rendered", SimulationRendered.class),
    METRICS_SCORED("metrics.scored", "metrics.scored", MetricsScored.class),
    TRAINING_REQUESTED("training.requested", "jobs.train", TrainingRequested.class),
    TRAINING_PROGRESS("training.progress", "training.progress", TrainingProgress.class),
    CHECKPOINT_PUBLISHED("checkpoint.published", "checkpoints.published", CheckpointPublished.class),
    /** Dead letters go to one topic per worker, {@code dead-letter.<worker>}, all with this schema. */
    DEAD_LETTER("dead.letter", "dead-letter", DeadLetter.class);

    private final String typeName;
    private final String topic;
    private final Class<? extends LesionEvent> recordClass;

    EventType(String typeName, String topic, Class<? extends LesionEvent> recordClass) {
        this.typeName = typeName;
        this.topic = topic;
        this.recordClass = recordClass;
    }

    public String typeName() {
        return typeName;
    }

    /** Default topic name; workers map channels to topics in their configuration. */
    public String topic() {
        return topic;
    }

    public Class<? extends LesionEvent> recordClass() {
        return recordClass;
    }

    /** Classpath resource of the JSON Schema of this event. */
    public String schemaResource() {
        return "schemas/" + topic + ".schema.json";
    }

    public static EventType of(Class<?> recordClass) {
        return Arrays.stream(values())
                .filter(t -> t.recordClass == recordClass)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event record: " + recordClass));
    }

    public static EventType ofTypeName(String typeName) {
        return Arrays.stream(values())
                .filter(t -> t.typeName.equals(typeName))
                .findFirst()
                .orElseThrow(() -> new MalformedEventException("unknown event type '" + typeName + "'"));
    }
}
