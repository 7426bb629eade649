package org.lesionsim.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one place a Jackson {@link ObjectMapper} is configured: events, the files under
 * {@code models/} and {@code directions/}, reports and the services' stored documents all get
 * theirs here. Every mapper writes java.time values as ISO-8601 strings; a caller picks how it lays
 * out what it writes ({@link Layout}) and how much it lets a document it reads leave out or add
 * ({@link Reading}). A fresh mapper per call, since an {@code ObjectMapper} can be reconfigured by whoever holds it.
 */
public final class JsonMappers {

    /** How written JSON is laid out. */
    public enum Layout {
        /** One line: events, stored records, anything a program reads. */
        COMPACT,
        /** Indented: configs, training logs and reports a person reads (and diffs). */
        INDENTED
    }

    /** How strictly a document is read; each level adds to the one before. */
    public enum Reading {
        /** Unknown fields are skipped: documents someone else writes and may extend. */
        IGNORE_UNKNOWN,
        /** Jackson's default: an unknown field fails, a null or missing value takes the Java default. */
        UNKNOWN_FAILS,
        /** Also a null for a primitive fails (formats this project owns, where a null means a broken file). */
        NO_NULL_PRIMITIVES,
        /** Also a missing record component fails: events (see {@link EventCodec}) and SeFa direction files. */
        STRICT
    }

    private JsonMappers() {
    }

    public static ObjectMapper mapper(Layout layout, Reading reading) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(SerializationFeature.INDENT_OUTPUT, layout == Layout.INDENTED)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, reading != Reading.IGNORE_UNKNOWN)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, reading.compareTo(Reading.NO_NULL_PRIMITIVES) >= 0);
        return mapper.configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, reading == Reading.STRICT);
    }

    /** Compact, Jackson's default reading: the everyday mapper. */
    public static ObjectMapper compact() {
        return mapper(Layout.COMPACT, Reading.UNKNOWN_FAILS);
    }

    /** Indented, Jackson's default reading: files a person reads. */
    public static ObjectMapper indented() {
        return mapper(Layout.INDENTED, Reading.UNKNOWN_FAILS);
    }

    /** Compact and strict: the event mapper. */
    public static ObjectMapper events() {
        return mapper(Layout.COMPACT, Reading.STRICT);
    }
}
