package org.lesionsim.tools;

import org.lesionsim.events.JsonMappers;
import org.lesionsim.storage.CheckpointFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Writing a training snapshot out as a shippable {@link CheckpointFolder}, what the generator and
 * encoder exporters share: the files the workers load copied as they are, the run's log as
 * {@code training-log.txt}, and a {@code config.json} that ends with the caller's provenance notes
 * ({@code --note key=value}, e.g. the data set and its licence).
 */
public final class CheckpointExport {
    public static final String TRAINING_LOG = "training-log.txt";
    public static final ObjectMapper JSON = JsonMappers.indented();

    private CheckpointExport() {
    }

    /**
     * What every export is asked ({@code --snapshot DIR --out DIR --id CHECKPOINT_ID [--log FILE]
     * [--note key=value]...}): a picocli mixin, so each exporter adds only its own options.
     */
    public static final class Request {
        @Option(names = "--snapshot", required = true, paramLabel = "DIR", description = "the training snapshot to export")
        private Path snapshot;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the checkpoint folder to write")
        private Path out;
        @Option(names = "--id", required = true, paramLabel = "CHECKPOINT_ID", description = "the checkpoint's id")
        private String checkpointId;
        @Option(names = "--log", paramLabel = "FILE", description = "the run's log, shipped as " + TRAINING_LOG)
        private Path log;
        @Option(names = "--note", paramLabel = "key=value", description = "provenance added to config.json (repeatable)")
        private List<String> notes;

        public Path snapshot() {
            return snapshot;
        }

        public Path out() {
            return out;
        }

        public String checkpointId() {
            return checkpointId;
        }

        /** The snapshot's training state file ({@code stateFile} inside it) as JSON. */
        public JsonNode state(String stateFile) throws IOException {
            return JSON.readTree(snapshot.resolve(stateFile).toFile());
        }

        /** {@link #copy} of {@code files} from the snapshot into the output folder. */
        public void copy(List<String> files) throws IOException {
            CheckpointExport.copy(snapshot, out, files);
        }

        /** {@link #finish} with this request's notes and log. */
        public void finish(ObjectNode config) throws IOException {
            CheckpointExport.finish(out, config, notes == null ? List.of() : notes, log);
        }
    }

    /** {@code config.json} head: format, kind and checkpoint id; the exporter adds what its kind needs. */
    public static ObjectNode config(String kind, String checkpointId) {
        ObjectNode config = JSON.createObjectNode();
        config.put("format", 1);
        config.put("kind", kind);
        config.put("checkpointId", checkpointId);
        return config;
    }

    /** Copies {@code files} from {@code snapshot} into {@code out} (created), replacing what is there. */
    public static void copy(Path snapshot, Path out, List<String> files) throws IOException {
        Files.createDirectories(out);
        for (String file : files) {
            Files.copy(snapshot.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Adds the {@code key=value} notes (a note without '=' has an empty value), writes
     * {@code config.json}, and copies {@code log} (when given) as {@value #TRAINING_LOG}.
     */
    public static void finish(Path out, ObjectNode config, List<String> notes, Path log) throws IOException {
        for (String note : notes) {
            String[] kv = note.split("=", 2);
            config.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        if (log != null) {
            Files.copy(log, out.resolve(TRAINING_LOG), StandardCopyOption.REPLACE_EXISTING);
        }
        JSON.writeValue(out.resolve(CheckpointFolder.CONFIG).toFile(), config);
    }
}
