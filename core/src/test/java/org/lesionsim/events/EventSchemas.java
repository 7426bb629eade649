package org.lesionsim.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks JSON against the schemas in {@code schemas/} (shipped inside the common jar). Reused by
 * every worker's tests (common's test-jar) on every event the code emits, so code and schema
 * cannot drift apart unnoticed.
 */
public final class EventSchemas {
    private static final Map<EventType, JsonSchema> SCHEMAS = new EnumMap<>(EventType.class);

    private EventSchemas() {
    }

    public static synchronized JsonSchema schema(EventType type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            try (InputStream in = resource(t.schemaResource())) {
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Validation errors of {@code json} against the schema its {@code type} field names; empty when valid. */
    public static Set<String> errors(String json) {
        try {
            JsonNode node = EventCodec.mapper().readTree(json);
            EventType type = EventType.ofTypeName(node.path("type").asText());
            Set<ValidationMessage> messages = schema(type).validate(node);
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every violation listed when {@code json} does not match its schema. */
    public static void assertValid(String json) {
        Set<String> errors = errors(json);
        if (!errors.isEmpty()) {
            throw new AssertionError("event does not match its schema: " + errors + "\n" + json);
        }
    }

    public static String example(EventType type) {
        try (InputStream in = resource("schemas/examples/" + type.topic() + ".json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name + " (schemas/ is packaged into lesionsim-common)");
        }
        return in;
    }
}
