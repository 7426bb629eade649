package org.lesionsim.progression.worker;

import static org.lesionsim.worker.DeadLetterReason.DIRECTION_UNAVAILABLE;
import static org.lesionsim.worker.DeadLetterReason.DIRECTION_UNUSABLE;
import static org.lesionsim.worker.DeadLetterReason.INVALID_LAYERS;
import static org.lesionsim.worker.DeadLetterReason.UNKNOWN_DIRECTION;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.progression.DirectionSpec;
import org.lesionsim.progression.DirectionFiles;
import org.lesionsim.progression.DirectionStore;
import org.lesionsim.progression.AxisStatistics;
import org.lesionsim.progression.ProgressionAxisFile;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.RankedAxis;
import org.lesionsim.sefa.SefaResult;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.RejectedInputException;

/**
 * Which unit direction in W a walk follows, from what the directions worker stored for the
 * generator ({@code directions/{gen}/...}):
 * <ul>
 *   <li>{@code sefa:<k>} (on the request's layers) or {@code sefa:<layers>:<k>}: SeFa axis k, as the directions
 *       worker stored it; a walk waits a while for the file of a checkpoint just published, and a layer selection
 *       the directions worker does not factorise ({@code lesionsim.directions.layers}) is unavailable;</li>
 *   <li>{@code ranked}: the axis ranked first nv → mel, oriented so +α goes towards melanoma;</li>
 *   <li>{@code supervised}: the logistic-regression normal, towards melanoma;</li>
 *   <li>{@code shipped}: the axis chosen offline and shipped with the generator
 *       ({@link ProgressionAxisFile}, e.g. {@code models/ham10000-g64/progression-axis.json}), on the layers
 *       it was chosen for, with the class statistics a calibrated walk needs; only for the generator it names;</li>
 *   <li>{@code auto}: the shipped axis when it belongs to the walk's generator, else ranked, else
 *       supervised, else {@code sefa:<layers>:0} (so the first case of a fresh deployment already walks
 *       along a chosen, oriented axis, and later ones keep it rather than the AUC-only ranking).</li>
 * </ul>
 * The label says what was used ({@code ranked:all:3}, {@code supervised}, {@code shipped:all:supervised-nf}, {@code sefa:all:0}).
 */
public final class DirectionChoice {

    /** The shipped axis file (may be absent) and the generator a walk is in, to check the file belongs to it. */
    public record Shipped(Optional<ProgressionAxisFile> file, String source, String generatorSha256) {
        static Shipped none() {
            return new Shipped(Optional.empty(), null, null);
        }
    }

    /**
     * The chosen direction, the W+ rows it edits, its label, and the class statistics along it (null
     * when none are known: a calibrated walk then falls back to the fixed α list).
     */
    public record Chosen(String label, LayerSelection layers, float[] direction, AxisStatistics statistics, String statisticsSource) {
        Chosen(String label, LayerSelection layers, float[] direction) {
            this(label, layers, direction, null, null);
        }

        /** The label as an object-key segment, naming the edited layers too: {@code ranked-all-3}, {@code supervised-6-}. */
        String keySegment() {
            String kind = label.split(":")[0];
            String safe = DirectionFiles.keySafe(layers);
            return label.contains(":") ? kind + "-" + safe + "-" + label.substring(label.lastIndexOf(':') + 1) : kind + "-" + safe;
        }
    }

    /** A {@link Chosen} as it is kept in the store (layers in their event form). */
    record Kept(String label, String layers, float[] direction, AxisStatistics statistics, String statisticsSource) {
        static Kept of(Chosen c) {
            return new Kept(c.label(), c.layers().toString(), c.direction(), c.statistics(), c.statisticsSource());
        }

        Chosen chosen() {
            return new Chosen(label, LayerSelection.parse(layers), direction, statistics, statisticsSource);
        }
    }

    private static final ObjectMapper JSON = JsonMappers.compact();

    private DirectionChoice() {
    }

    /**
     * The direction an input was walked along the first time, read back from {@code key}; else the one
     * {@code choose} picks, kept at {@code key} before anything is rendered. The ranked axis moves as
     * labelled cases arrive, so without this a redelivered input could walk a second axis and leave two
     * different simulations for one input.
     */
    static Chosen once(ObjectStore store, String key, Supplier<Chosen> choose) {
        Optional<ObjectRef> kept = store.stat(key);
        try {
            if (kept.isPresent()) {
                return JSON.readValue(store.get(kept.get()), Kept.class).chosen();
            }
            Chosen chosen = choose.get();
            store.put(key, JSON.writeValueAsBytes(Kept.of(chosen)), "application/json");
            return chosen;
        } catch (IOException e) {
            throw new UncheckedIOException("walk direction " + key, e);
        }
    }

    /**
     * The direction {@code spec} names for a walk in the W space of {@code generatorCheckpointId} ({@code wDim}
     * wide), from what the directions worker stored; SeFa files are awaited up to {@code sefaWait}.
     */
    public static Chosen choose(String spec, LayerSelection layers, String generatorCheckpointId, int wDim,
                                DirectionStore directions, Duration sefaWait, Shipped shipped) {
        DirectionSpec parsed;
        try {
            parsed = DirectionSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(UNKNOWN_DIRECTION, e.getMessage(), e);
        }
        Chosen chosen = switch (parsed.kind()) {
            case "sefa" -> sefa(parsed.layers().map(DirectionChoice::parseLayers).orElse(layers), parsed.index(), generatorCheckpointId,
                    directions, sefaWait);
            case "ranked" -> ranked(layers, generatorCheckpointId, directions).orElseThrow(() -> unavailable(spec, generatorCheckpointId));
            case "supervised" -> supervised(layers, generatorCheckpointId, directions).orElseThrow(() -> unavailable(spec, generatorCheckpointId));
            case "shipped" -> shipped(shipped, generatorCheckpointId).orElseThrow(() -> new RejectedInputException(
                    DIRECTION_UNAVAILABLE, "no shipped progression axis for generator " + generatorCheckpointId));
            // The shipped axis first: it was chosen offline by cross-validated AUC *and* credible walks on
            // held-out lesions, nuisance directions projected out; the online ranking knows only AUC, and
            // its top SeFa axis was the least credible candidate there (docs/progression-axis.md).
            case "auto" -> shipped(shipped, generatorCheckpointId)
                    .or(() -> ranked(layers, generatorCheckpointId, directions))
                    .or(() -> supervised(layers, generatorCheckpointId, directions))
                    .orElseGet(() -> sefa(layers, 0, generatorCheckpointId, directions, sefaWait));
            default -> throw new IllegalStateException("DirectionSpec names no kind " + parsed.kind());
        };
        if (chosen.direction().length != wDim) {
            throw new RejectedInputException(DIRECTION_UNUSABLE, "direction " + chosen.label() + " has "
                    + chosen.direction().length + " entries, the generator's W has " + wDim);
        }
        return chosen;
    }

    static LayerSelection parseLayers(String spec) {
        try {
            return LayerSelection.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(INVALID_LAYERS, e.getMessage(), e);
        }
    }

    private static Chosen sefa(LayerSelection layers, int k, String generatorCheckpointId, DirectionStore directions,
                               Duration wait) {
        SefaResult sefa = directions.awaitSefa(generatorCheckpointId, layers, wait).orElseThrow(() -> new RejectedInputException(
                DIRECTION_UNAVAILABLE, "SeFa on layers " + layers + " of generator " + generatorCheckpointId + " was not stored within "
                + wait + ": the directions worker factorises each published generator on the layer selections it is configured"
                + " for (lesionsim.directions.layers)"));
        if (k >= sefa.directions().length) {
            throw new RejectedInputException(UNKNOWN_DIRECTION, "SeFa on " + layers + " has " + sefa.directions().length
                    + " directions, asked for " + k);
        }
        return new Chosen("sefa:" + layers + ":" + k, layers, sefa.directions()[k]);
    }

    private static Optional<Chosen> ranked(LayerSelection layers, String generatorCheckpointId, DirectionStore directions) {
        return directions.ranking(generatorCheckpointId, layers).map(ranking -> {
            RankedAxis top = ranking.get(0);
            return new Chosen("ranked:" + layers + ":" + top.index(), layers, top.direction());
        });
    }

    private static Optional<Chosen> supervised(LayerSelection layers, String generatorCheckpointId, DirectionStore directions) {
        return directions.supervised(generatorCheckpointId).map(file -> new Chosen("supervised", layers, file.direction()));
    }

    private static Optional<Chosen> shipped(Shipped shipped, String generatorCheckpointId) {
        return shipped.file().filter(f -> f.belongsTo(generatorCheckpointId, shipped.generatorSha256()))
                .map(f -> new Chosen("shipped:" + f.layers() + ":" + f.label(), parseLayers(f.layers()), f.direction(), f.statistics(),
                        "shipped:" + shipped.source()));
    }

    private static RejectedInputException unavailable(String spec, String generatorCheckpointId) {
        return new RejectedInputException(DIRECTION_UNAVAILABLE, "no " + spec + " direction has been computed for generator "
                + generatorCheckpointId + " yet (the directions worker ranks once enough labelled cases arrived)");
    }
}
