package org.lesionsim.directions;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * The labelled cases of one generator's W space, kept in the store so a restart (or another
 * replica) loses nothing: {@code directions/{gen}/labelled-{nv|mel}-{caseId}.json}, each a
 * claim-check to the case's W+ object. Keyed by case, so a redelivered event rewrites its own entry;
 * the class is in the key, so counting per class needs the keys alone. (A case relabelled later keeps its
 * old entry as well: labels are taken as final.)
 */
@ApplicationScoped
public class LabelledCases {
    private static final ObjectMapper JSON = JsonMappers.mapper(JsonMappers.Layout.COMPACT, JsonMappers.Reading.IGNORE_UNKNOWN);
    static final String PREFIX = "labelled-";

    /** One entry: which case, its class, and where its W+ lives. */
    public record Entry(UUID caseId, Diagnosis diagnosis, String encoderCheckpointId, ObjectRef latents) {
        boolean melanoma() {
            return diagnosis == Diagnosis.MEL;
        }
    }

    /** How many labelled cases a generator has, per class. */
    public record Counts(int melanomas, int nevi) {
        int total() {
            return melanomas + nevi;
        }
    }

    @Inject
    ObjectStore store;

    public void add(String generatorCheckpointId, Entry entry) {
        String key = key(generatorCheckpointId, entry.diagnosis(), entry.caseId());
        try {
            store.put(key, JSON.writeValueAsBytes(entry), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        known(generatorCheckpointId).add(key);
    }

    /**
     * The generator's labelled cases per class as this replica knows them: the store's entries at its last
     * listing and every entry it wrote since. Listing the store for every case would cost O(N) per case;
     * with several replicas, each one's count lags the others' cases until its next ranking lists them,
     * so it ranks a little later, never on fewer cases ({@link #all} is what a ranking reads).
     */
    public Counts count(String generatorCheckpointId) {
        Set<String> keys = known(generatorCheckpointId);
        String mel = prefix(generatorCheckpointId) + Diagnosis.MEL.code() + "-";
        synchronized (keys) {
            int melanomas = (int) keys.stream().filter(k -> k.startsWith(mel)).count();
            return new Counts(melanomas, keys.size() - melanomas);
        }
    }

    /**
     * Every entry of the generator, listed from the store. An entry never changes once written, so each is read
     * from the store once: a ranking every few cases would otherwise read all of them again.
     */
    public List<Entry> all(String generatorCheckpointId) {
        List<String> keys = keys(generatorCheckpointId);
        Set<String> known = known(generatorCheckpointId);
        known.addAll(keys);
        return keys.stream().map(k -> read.computeIfAbsent(k, key -> {
            try {
                return JSON.readValue(store.get(key), Entry.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).toList();
    }

    private final Map<String, Entry> read = java.util.Collections.synchronizedMap(new LruMap<>(20_000));

    /** Per generator, the entry keys this replica knows of: listed once when it first meets the generator. */
    private final Map<String, Set<String>> known = java.util.Collections.synchronizedMap(new LruMap<>(8));

    private Set<String> known(String generatorCheckpointId) {
        synchronized (known) {
            return known.computeIfAbsent(generatorCheckpointId,
                    g -> java.util.Collections.synchronizedSet(new java.util.HashSet<>(keys(g))));
        }
    }

    /** A map that forgets its least recently used entry beyond {@code capacity}. */
    static final class LruMap<K, V> extends java.util.LinkedHashMap<K, V> {
        private final int capacity;

        LruMap(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
        }
    }

    private List<String> keys(String generatorCheckpointId) {
        return store.list(prefix(generatorCheckpointId)).stream().filter(k -> k.endsWith(".json")).sorted().toList();
    }

    private static String prefix(String generatorCheckpointId) {
        return ObjectKeys.directions(generatorCheckpointId, PREFIX);
    }

    static String key(String generatorCheckpointId, Diagnosis diagnosis, UUID caseId) {
        return ObjectKeys.directions(generatorCheckpointId, PREFIX + diagnosis.code() + "-" + caseId + ".json");
    }
}
