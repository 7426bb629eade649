package org.lesionsim.progression;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.lesionsim.events.JsonMappers;

/**
 * The progression axis chosen offline ({@code tools.progression.ChooseProgressionAxis}) and shipped with a generator,
 * e.g. {@code models/ham10000-g64/progression-axis.json}: what a fresh deployment walks along before
 * it has labelled latents of its own, and the class statistics a calibrated walk needs.
 * <pre>  {"formatVersion":1, "generatorCheckpointId":"ham10000-g64-kimg0232", "generatorSha256":"…",
 *    "label":"supervised-nf", "layers":"all", "direction":[…], "statistics":{"nvCentre":…, …},
 *    "crossValidatedAuc":0.7, "evaluation":"…", "nuisanceCosines":{…}}</pre>
 * The axis belongs to one generator's W: a worker uses it only for the generator whose checkpoint id
 * or {@code generator_ema} SHA-256 it names. {@code direction} is unit and +α goes towards melanoma.
 */
public record ProgressionAxisFile(int formatVersion, String generatorCheckpointId, String generatorSha256, String label,
                                  String layers, float[] direction, AxisStatistics statistics, double crossValidatedAuc,
                                  String evaluation, Map<String, double[]> nuisanceCosines, List<String> nuisanceNames) {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "progression-axis.json";
    private static final ObjectMapper MAPPER = JsonMappers.mapper(JsonMappers.Layout.INDENTED, JsonMappers.Reading.NO_NULL_PRIMITIVES);

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and checks the version, the unit norm and the statistics. */
    public static ProgressionAxisFile read(byte[] json) {
        ProgressionAxisFile file;
        try {
            file = MAPPER.readValue(json, ProgressionAxisFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a progression axis file: " + e.getMessage(), e);
        }
        if (file.formatVersion() != FORMAT_VERSION || file.direction() == null || file.statistics() == null || file.label() == null
                || file.layers() == null) {
            throw new IllegalArgumentException("not a version " + FORMAT_VERSION + " progression axis file (needs label, layers, "
                    + "direction and statistics)");
        }
        double norm = 0;
        for (float v : file.direction()) {
            norm += (double) v * v;
        }
        if (Math.abs(Math.sqrt(norm) - 1.0) > 1e-4) {
            throw new IllegalArgumentException("progression axis has norm " + Math.sqrt(norm) + ", expected 1");
        }
        return file;
    }

    /** Whether this axis was chosen in the W of that generator. */
    public boolean belongsTo(String generatorCheckpointId, String generatorSha256) {
        return (this.generatorCheckpointId != null && this.generatorCheckpointId.equals(generatorCheckpointId))
                || (this.generatorSha256 != null && this.generatorSha256.equals(generatorSha256));
    }
}
