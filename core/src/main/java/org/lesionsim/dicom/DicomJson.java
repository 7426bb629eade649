package org.lesionsim.dicom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.lesionsim.events.EventCodec;

/**
 * One DICOM data set in the JSON form of PS3.18 Annex F.2 (what QIDO-RS and WADO-RS
 * {@code /metadata} return): an object of attributes keyed by tag {@code "GGGGEEEE"}, each with a
 * {@code vr} and a {@code Value} array, a {@code BulkDataURI} or an {@code InlineBinary}. Only what
 * lesionsim needs is read: the first value of an attribute as text or number, the items of a
 * sequence, and whether an attribute carries bulk data (Pixel Data). Nothing here decodes pixels;
 * the PACS does that.
 */
public final class DicomJson {
    private final Map<String, JsonNode> attributes;

    private DicomJson(Map<String, JsonNode> attributes) {
        this.attributes = attributes;
    }

    /**
     * Reads a data set from JSON text: an object, or an array holding exactly one object (the shape
     * of a WADO-RS {@code /metadata} answer for one instance).
     *
     * @throws IllegalArgumentException when the text is not such JSON
     */
    public static DicomJson parse(String json) {
        JsonNode tree;
        try {
            tree = EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            // not e.getMessage(): it quotes the offending text, which may be a patient's name
            throw new IllegalArgumentException("not DICOM JSON (unparseable at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (tree != null && tree.isArray()) {
            if (tree.size() != 1) {
                throw new IllegalArgumentException("expected the metadata of one instance, got an array of " + tree.size());
            }
            tree = tree.get(0);
        }
        return of(tree);
    }

    /** A data set from an already parsed JSON object (one element of a QIDO-RS answer, say). */
    public static DicomJson of(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("not DICOM JSON: expected an object of attributes keyed by tag");
        }
        Map<String, JsonNode> attributes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String tag = e.getKey().toUpperCase(Locale.ROOT);
            if (!tag.matches("[0-9A-F]{8}")) {
                throw new IllegalArgumentException("not DICOM JSON: attribute key is not a tag GGGGEEEE");
            }
            if (e.getValue() != null && e.getValue().isObject()) {
                attributes.put(tag, e.getValue());
            }
        }
        return new DicomJson(Collections.unmodifiableMap(attributes));
    }

    /** The tags present, in ascending order. */
    public Set<String> tags() {
        return attributes.keySet();
    }

    public boolean has(String tag) {
        return attributes.containsKey(tag);
    }

    /** The attribute's value representation ({@code "CS"}, {@code "SQ"}, ...), when given. */
    public Optional<String> vr(String tag) {
        JsonNode a = attributes.get(tag);
        return a == null || !a.path("vr").isTextual() ? Optional.empty() : Optional.of(a.get("vr").asText());
    }

    /**
     * The first value as text: a string as is (trimmed of DICOM padding), a number in its decimal
     * form, a person name as its {@code Alphabetic} component. Empty when absent, valueless or empty.
     */
    public Optional<String> string(String tag) {
        JsonNode first = firstValue(tag);
        if (first == null || first.isNull()) {
            return Optional.empty();
        }
        String text;
        if (first.isTextual() || first.isNumber()) {
            text = first.asText();
        } else if (first.isObject() && first.path("Alphabetic").isTextual()) {
            text = first.get("Alphabetic").asText();
        } else {
            return Optional.empty();
        }
        text = text.strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * The first value as an integer: a JSON number (US, UL, SS, SL) or a decimal string (IS).
     * Empty when absent; also empty when the value is not an integer.
     */
    public Optional<Long> integer(String tag) {
        JsonNode first = firstValue(tag);
        if (first == null) {
            return Optional.empty();
        }
        if (first.isIntegralNumber()) {
            return Optional.of(first.asLong());
        }
        if (first.isTextual()) {
            String text = first.asText().strip();
            if (text.matches("[+-]?[0-9]{1,18}")) {
                return Optional.of(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
            }
        }
        return Optional.empty();
    }

    /** The items of a sequence (VR SQ); empty when absent or not a sequence. */
    public List<DicomJson> sequence(String tag) {
        JsonNode a = attributes.get(tag);
        if (a == null || !a.path("Value").isArray()) {
            return List.of();
        }
        List<DicomJson> items = new ArrayList<>();
        for (JsonNode item : a.get("Value")) {
            if (item.isObject()) {
                items.add(of(item));
            }
        }
        return List.copyOf(items);
    }

    /** Whether the attribute carries bulk data: a {@code BulkDataURI} or an {@code InlineBinary}. */
    public boolean hasBulkData(String tag) {
        JsonNode a = attributes.get(tag);
        return a != null && (a.path("BulkDataURI").isTextual() || a.path("InlineBinary").isTextual());
    }

    private JsonNode firstValue(String tag) {
        JsonNode a = attributes.get(tag);
        if (a == null) {
            return null;
        }
        JsonNode values = a.path("Value");
        return values.isArray() && !values.isEmpty() ? values.get(0) : null;
    }

    /** Names the tags only: values may identify a patient. */
    @Override
    public String toString() {
        return "DicomJson" + attributes.keySet();
    }
}
