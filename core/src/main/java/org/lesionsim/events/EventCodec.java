package org.lesionsim.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * JSON form of the events, as described by {@code schemas/}. Decoding is strict: an unknown
 * field, a missing required field, a wrong type or schema version is a {@link MalformedEventException}
 * whose message says which, so the worker can dead-letter it with that reason. Only a component marked
 * {@link NullWhenAbsent} (added after events without it were written) may be absent: it decodes as null.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = JsonMappers.events();

    private EventCodec() {
    }

    /** The strict event mapper ({@link JsonMappers#events()}), shared: do not reconfigure it, {@code copy()} it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(LesionEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.type(), e);
        }
    }

    /** Decodes {@code json} as an event of {@code expected}'s type, or says precisely why it cannot. */
    public static <T extends LesionEvent> T fromJson(String json, Class<T> expected) {
        EventType type = EventType.of(expected);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        String actualType = tree.path("type").asText(null);
        if (!type.typeName().equals(actualType)) {
            throw new MalformedEventException("expected type '" + type.typeName() + "' but got '" + actualType + "'");
        }
        int version = tree.path("schemaVersion").asInt(-1);
        if (version != LesionEvent.SCHEMA_VERSION) {
            throw new MalformedEventException("unsupported schemaVersion " + version + " (this worker reads " + LesionEvent.SCHEMA_VERSION + ")");
        }
        ObjectNode object = (ObjectNode) tree;
        for (java.lang.reflect.RecordComponent component : expected.getRecordComponents()) {
            if (component.isAnnotationPresent(NullWhenAbsent.class) && !object.has(component.getName())) {
                object.putNull(component.getName()); // written before the component existed
            }
        }
        try {
            return MAPPER.treeToValue(object, expected);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MalformedEventException malformed) {
                throw malformed;
            }
            throw new MalformedEventException("invalid " + type.typeName() + ": " + e.getOriginalMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            throw new MalformedEventException("unknown field '" + e.getPropertyName() + "' in " + type.typeName());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("invalid " + type.typeName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
