package org.lesionsim.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.lesionsim.events.EventCodec;
import org.lesionsim.storage.Checksums;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * The results of one case as a zip: for each simulation folder {@code {checkpoint}/{direction}-{h}/} under
 * {@code simulations/{caseId}/}, the frames, strip, GIF, scores table and plot, and a
 * {@code provenance.json} naming the case, checkpoints, events and the SHA-256 of every file.
 * Only those result files by name: clinical metadata (kept under {@code cases/}) never enters.
 */
@ApplicationScoped
public class CaseBundle {
    /** {checkpoint}/{direction}-{h}/{result file}, relative to the case's simulations prefix (one folder per simulation). */
    static final Pattern RESULT = Pattern.compile(
            "[a-z0-9][a-z0-9._=-]*/[a-z0-9][a-z0-9._=-]*/(frame-[0-9]+\\.png|strip\\.png|strip-scored\\.png|progression\\.gif|metrics\\.csv|metrics\\.png|verdict\\.json)");
    static final Pattern SCORED = Pattern.compile("[a-z0-9][a-z0-9._=-]*/[a-z0-9][a-z0-9._=-]*/scored\\.json");

    @Inject
    ObjectStore store;

    /** The bundle of {@code caseId}; empty when nothing has been rendered for it yet. */
    public Optional<byte[]> zip(UUID caseId) {
        String prefix = ObjectKeys.simulationsOfCase(caseId);
        List<String> files = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        TreeSet<String> checkpoints = new TreeSet<>();
        for (String key : store.list(prefix)) {
            String name = key.substring(prefix.length());
            if (RESULT.matcher(name).matches()) {
                files.add(key);
                checkpoints.add(name.substring(0, name.indexOf('/')));
            } else if (SCORED.matcher(name).matches()) {
                events.add(read(store.get(key)));
            }
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Map<String, Object>> listed = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String key : files) {
                // Read through the stored checksum: an altered object fails here instead of entering the bundle.
                byte[] bytes = store.get(store.stat(key).orElseThrow(() -> new IllegalStateException("vanished: " + key)));
                String name = key.substring(prefix.length());
                zip.putNextEntry(new ZipEntry(name));
                zip.write(bytes);
                zip.closeEntry();
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("name", name);
                file.put("sha256", Checksums.sha256Hex(bytes));
                file.put("bytes", bytes.length);
                listed.add(file);
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("caseId", caseId.toString());
            provenance.put("checkpointIds", List.copyOf(checkpoints));
            provenance.put("events", events);
            provenance.put("files", listed);
            zip.putNextEntry(new ZipEntry("provenance.json"));
            zip.write(EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(provenance));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(out.toByteArray());
    }

    /** The API key id that submitted {@code caseId}, from {@code cases/{id}/submission.json}; empty when none is recorded. */
    public Optional<String> submitter(UUID caseId) {
        return store.stat(ObjectKeys.caseSubmission(caseId)).map(store::get).map(CaseBundle::read)
                .map(s -> s.path("submitter")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    private static JsonNode read(byte[] json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
