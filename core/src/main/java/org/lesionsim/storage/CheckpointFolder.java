package org.lesionsim.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lesionsim.events.ObjectRef;

/**
 * A checkpoint is a folder of files ({@code config.json} + safetensors, their JSON architectures,
 * a sample grid ...), stored under {@code checkpoints/{id}/} with the same file names. The trainer
 * uploads its snapshots this way, the shipped models under {@code models/} are such folders, and
 * workers download them back into one; the {@code checkpoint published} event names each file as
 * an artefact ({@link #artefactName}) and the config separately.
 */
public final class CheckpointFolder {
    public static final String CONFIG = "config.json";

    private CheckpointFolder() {
    }

    /** What an upload stored: the config and every other file by artefact name. */
    public record Uploaded(ObjectRef config, Map<String, ObjectRef> artefacts) {
    }

    /**
     * {@code generator_ema.safetensors} → {@code generator_ema}; an architecture file
     * {@code generator_ema.json} → {@code generator_ema_config}; other files → their stem.
     */
    public static String artefactName(String file) {
        int dot = file.lastIndexOf('.');
        String stem = dot < 0 ? file : file.substring(0, dot);
        boolean architecture = file.endsWith(".json") && !file.equals(CONFIG)
                && !file.endsWith("_state.json") && !file.endsWith("-log.json");
        return architecture ? stem + "_config" : stem;
    }

    /** Uploads every regular file of {@code dir}; {@code config.json} must be among them. */
    public static Uploaded upload(ObjectStore store, String checkpointId, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.stream().noneMatch(f -> f.getFileName().toString().equals(CONFIG))) {
            throw new IOException("a checkpoint folder needs a " + CONFIG + ": " + dir);
        }
        ObjectRef config = null;
        Map<String, ObjectRef> artefacts = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            ObjectRef ref = store.put(ObjectKeys.checkpointFile(checkpointId, name), Files.readAllBytes(file),
                    contentType(name));
            if (name.equals(CONFIG)) {
                config = ref;
            } else {
                artefacts.put(artefactName(name), ref);
            }
        }
        return new Uploaded(config, artefacts);
    }

    /** Downloads the config and the artefacts into {@code dir} under their file names (checksums verified). */
    public static Path download(ObjectStore store, ObjectRef config, Map<String, ObjectRef> artefacts, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(CONFIG), store.get(config));
        for (ObjectRef ref : artefacts.values()) {
            Files.write(dir.resolve(ref.key().substring(ref.key().lastIndexOf('/') + 1)), store.get(ref));
        }
        return dir;
    }

    static String contentType(String name) {
        return name.endsWith(".png") ? "image/png"
                : name.endsWith(".json") ? "application/json"
                : name.endsWith(".txt") || name.endsWith(".md") ? "text/plain" : "application/octet-stream";
    }
}
