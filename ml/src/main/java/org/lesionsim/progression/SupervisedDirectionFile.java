package org.lesionsim.progression;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.lesionsim.events.JsonMappers;

/**
 * {@code directions/{ckpt}/supervised.json}: the supervised (logistic-regression normal) direction of a
 * generator checkpoint, fitted on labelled inverted latents averaged over the W+ rows of {@code layers}.
 * <pre>  {"formatVersion":1, "method":"supervised", "layers":"all", "melanomas":12, "nevi":40,
 *    "trainingAuc":0.83, "direction":[...]}</pre>
 * {@code direction} is a unit vector in W; +α moves towards melanoma. Reading checks the version,
 * the method and the unit norm.
 */
public record SupervisedDirectionFile(int formatVersion, String method, String layers, int melanomas, int nevi,
                                      double trainingAuc, float[] direction) {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = JsonMappers.mapper(JsonMappers.Layout.COMPACT, JsonMappers.Reading.NO_NULL_PRIMITIVES);

    public static SupervisedDirectionFile of(String layers, int melanomas, int nevi, double trainingAuc, float[] direction) {
        return new SupervisedDirectionFile(FORMAT_VERSION, "supervised", layers, melanomas, nevi, trainingAuc, direction);
    }

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SupervisedDirectionFile read(byte[] json) {
        SupervisedDirectionFile file;
        try {
            file = MAPPER.readValue(json, SupervisedDirectionFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a supervised direction file: " + e.getMessage(), e);
        }
        if (file.formatVersion() != FORMAT_VERSION || !"supervised".equals(file.method()) || file.direction() == null) {
            throw new IllegalArgumentException("not a version " + FORMAT_VERSION + " supervised direction file");
        }
        double norm = 0;
        for (float v : file.direction()) {
            norm += (double) v * v;
        }
        if (Math.abs(Math.sqrt(norm) - 1.0) > 1e-4) {
            throw new IllegalArgumentException("supervised direction has norm " + Math.sqrt(norm) + ", expected 1");
        }
        return file;
    }
}
