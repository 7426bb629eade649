package org.lesionsim.sefa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.lesionsim.events.JsonMappers;

/**
 * JSON files of the directions store: {@code directions/{ckpt}/sefa-{layers}.json} holds a
 * {@link SefaResult}, {@code directions/{ckpt}/ranking-{layers}.json} a ranking of {@link RankedAxis}.
 * <pre>
 *   {"formatVersion":1, "method":"sefa", "layerNames":[...], "eigenvalues":[...], "directions":[[...], ...]}
 *   {"formatVersion":1, "axes":[{"index":3, "auc":0.71, "cohensD":0.8, "orientation":-1, "direction":[...]}, ...]}
 * </pre>
 * Reading checks the format version, shapes and that every direction has unit norm, and says which
 * check failed.
 */
public final class DirectionsJson {
    public static final int FORMAT_VERSION = 1;
    private static final double UNIT_NORM_TOLERANCE = 1e-4;
    private static final ObjectMapper MAPPER = JsonMappers.mapper(JsonMappers.Layout.COMPACT, JsonMappers.Reading.STRICT);

    record SefaDocument(int formatVersion, String method, List<String> layerNames, double[] eigenvalues, float[][] directions) {
    }

    record RankingDocument(int formatVersion, List<RankedAxis> axes) {
    }

    private DirectionsJson() {
    }

    public static byte[] write(SefaResult result) {
        return bytes(new SefaDocument(FORMAT_VERSION, "sefa", result.layerNames(), result.eigenvalues(), result.directions()));
    }

    public static SefaResult readSefa(byte[] json) {
        SefaDocument doc = read(json, SefaDocument.class);
        requireVersion(doc.formatVersion());
        if (!"sefa".equals(doc.method())) {
            throw new IllegalArgumentException("not a SeFa directions file: method is '" + doc.method() + "'");
        }
        if (doc.layerNames() == null || doc.eigenvalues() == null || doc.directions() == null) {
            throw new IllegalArgumentException("SeFa directions file lacks layerNames, eigenvalues or directions");
        }
        requireUnitRows(doc.directions());
        return new SefaResult(doc.layerNames(), doc.eigenvalues(), doc.directions());
    }

    public static byte[] write(List<RankedAxis> ranking) {
        return bytes(new RankingDocument(FORMAT_VERSION, ranking));
    }

    public static List<RankedAxis> readRanking(byte[] json) {
        RankingDocument doc = read(json, RankingDocument.class);
        requireVersion(doc.formatVersion());
        if (doc.axes() == null) {
            throw new IllegalArgumentException("ranking file lacks axes");
        }
        requireUnitRows(doc.axes().stream().map(RankedAxis::direction).toArray(float[][]::new));
        return List.copyOf(doc.axes());
    }

    private static byte[] bytes(Object document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid directions file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireVersion(int version) {
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported directions formatVersion " + version + " (this code reads " + FORMAT_VERSION + ")");
        }
    }

    private static void requireUnitRows(float[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("direction " + i + " is missing or of another length than direction 0");
            }
            double norm = 0.0;
            for (float v : rows[i]) {
                norm += (double) v * v;
            }
            if (Math.abs(Math.sqrt(norm) - 1.0) > UNIT_NORM_TOLERANCE) {
                throw new IllegalArgumentException("direction " + i + " has norm " + Math.sqrt(norm) + ", expected 1");
            }
        }
    }
}
