package org.lesionsim.directions;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.worker.WPlusCodes;
import org.lesionsim.events.DirectionsComputed;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.progression.DirectionStore;
import org.lesionsim.progression.SupervisedDirectionFile;
import org.lesionsim.sefa.AxisRanking;
import org.lesionsim.sefa.LabelledLatent;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.RankedAxis;
import org.lesionsim.sefa.SefaResult;
import org.lesionsim.sefa.SupervisedDirection;
import org.lesionsim.storage.ChecksumMismatchException;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * Ranks a generator's SeFa directions by how well they separate its labelled nv and mel latents
 * ({@link AxisRanking}: AUC, Cohen's d, each axis oriented so +α goes towards melanoma) and fits the
 * supervised direction ({@link SupervisedDirection}), once both classes have {@code min-per-class}
 * cases and {@code rank-every} new ones (and {@code rank-growth} of those already ranked) arrived since
 * the last ranking. Writes
 * {@code ranking-{layers}.json} and {@code supervised.json}, then {@code ranking-state.json}
 * (how many cases the files cover) last, so a crash in between ranks again rather than never.
 */
@ApplicationScoped
public class DirectionRanking {
    private static final Logger LOG = Logger.getLogger(DirectionRanking.class);
    private static final ObjectMapper JSON = JsonMappers.compact();
    static final String STATE = "ranking-state.json";

    /** What the current ranking files were computed from. */
    public record State(int rankedCases, int melanomas, int nevi) {
    }

    @Inject
    ObjectStore store;

    @Inject
    LabelledCases cases;

    @Inject
    SefaDirections sefa;

    @Inject
    DirectionsSettings settings;

    /** Ranks if due and every SeFa file exists (else the SeFa job calls again when it has written them). */
    public synchronized List<DirectionsComputed> rankIfDue(String generatorCheckpointId) {
        LabelledCases.Counts counts = cases.count(generatorCheckpointId);
        State state = ranked.computeIfAbsent(generatorCheckpointId, g -> state(g).orElse(new State(0, 0, 0)));
        if (counts.melanomas() < settings.minPerClass() || counts.nevi() < settings.minPerClass()
                || counts.total() - state.rankedCases() < due(state.rankedCases(), settings.rankEvery(), settings.rankGrowth())) {
            return List.of();
        }
        DirectionStore directions = new DirectionStore(store);
        List<LayerSelection> selections = sefa.selections();
        List<SefaResult> sefaResults = new ArrayList<>();
        List<ObjectRef> sefaRefs = new ArrayList<>();
        for (LayerSelection layers : selections) {
            Optional<ObjectRef> ref = directions.sefaRef(generatorCheckpointId, layers);
            if (ref.isEmpty()) {
                return List.of();
            }
            sefaRefs.add(ref.get());
            sefaResults.add(parsedSefa.computeIfAbsent(ref.get().sha256(), sha -> directions.readSefa(ref.get())));
        }

        List<LabelledCases.Entry> entries = new ArrayList<>();
        List<float[][]> codes = new ArrayList<>();
        for (LabelledCases.Entry entry : cases.all(generatorCheckpointId)) {
            Optional<float[][]> code = load(entry);
            if (code.isPresent() && (codes.isEmpty() || sameShape(codes.get(0), code.get()))) {
                entries.add(entry);
                codes.add(code.get());
            }
        }
        int melanomas = (int) entries.stream().filter(LabelledCases.Entry::melanoma).count();
        if (melanomas == 0 || melanomas == entries.size()) {
            return List.of();
        }

        List<DirectionsComputed> events = new ArrayList<>();
        for (int s = 0; s < selections.size(); s++) {
            LayerSelection layers = selections.get(s);
            float[][] all = sefaResults.get(s).directions();
            float[][] leading = java.util.Arrays.copyOf(all, Math.min(settings.candidates(), all.length));
            List<RankedAxis> ranking = AxisRanking.rank(labelled(entries, codes, layers), leading);
            ObjectRef rankingRef = directions.putRanking(generatorCheckpointId, layers, ranking);
            LOG.infof("ranked %d SeFa directions of %s on layers %s over %d cases: first is %d (AUC %.3f)",
                    ranking.size(), generatorCheckpointId, layers, entries.size(), ranking.get(0).index(), ranking.get(0).auc());
            events.add(SefaDirections.sefaComputed(generatorCheckpointId, layers, sefaResults.get(s), sefaRefs.get(s), rankingRef));
        }

        LayerSelection supervisedLayers = LayerSelection.parse(settings.supervisedLayers());
        SupervisedDirection supervised = SupervisedDirection.fit(labelled(entries, codes, supervisedLayers));
        ObjectRef supervisedRef = directions.putSupervised(generatorCheckpointId, SupervisedDirectionFile.of(
                supervisedLayers.toString(), melanomas, entries.size() - melanomas, supervised.trainingAuc(), supervised.direction()));
        events.add(new DirectionsComputed(EventIds.of(EventType.DIRECTIONS_COMPUTED, "supervised", generatorCheckpointId,
                supervisedRef.sha256()), java.time.Instant.now(), EventIds.derive("directions", generatorCheckpointId,
                "supervised"), generatorCheckpointId, DirectionsComputed.Method.supervised, supervisedLayers.toString(),
                supervisedRef, 1, List.of(), null));

        State now = new State(counts.total(), melanomas, entries.size() - melanomas);
        writeState(generatorCheckpointId, now);
        ranked.put(generatorCheckpointId, now);
        return events;
    }

    /** New cases the next ranking waits for, after one that covered {@code rankedCases}. */
    static int due(int rankedCases, int rankEvery, double rankGrowth) {
        return Math.max(rankEvery, (int) Math.ceil(rankGrowth * rankedCases));
    }

    /**
     * The state each generator's ranking files were last written with, as read once from the store and then
     * kept as this replica writes it (a state another replica wrote since only makes this one rank sooner).
     */
    private final java.util.Map<String, State> ranked = java.util.Collections.synchronizedMap(new LabelledCases.LruMap<>(16));

    public Optional<State> state(String generatorCheckpointId) {
        return store.stat(ObjectKeys.directions(generatorCheckpointId, STATE)).map(ref -> {
            try {
                return JSON.readValue(store.get(ref.key()), State.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void writeState(String generatorCheckpointId, State state) {
        try {
            store.put(ObjectKeys.directions(generatorCheckpointId, STATE), JSON.writeValueAsBytes(state), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each case's mean W+ over the rows the selection edits (the W vector a direction of those layers acts on). */
    private static List<LabelledLatent> labelled(List<LabelledCases.Entry> entries, List<float[][]> codes, LayerSelection layers) {
        List<LabelledLatent> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            float[][] code = codes.get(i);
            List<Integer> rows = IntStream.range(0, code.length).filter(layers::includesIndex).boxed().toList();
            out.add(LabelledLatent.ofWPlus(code, rows, entries.get(i).melanoma()));
        }
        return out;
    }

    /**
     * Parsed SeFa files by the SHA-256 of their object: a checkpoint's SeFa never changes once stored, and
     * parsing the four files' text again at every ranking was a third of the ranking's time (JFR).
     */
    private final java.util.Map<String, SefaResult> parsedSefa = java.util.Collections.synchronizedMap(new LabelledCases.LruMap<>(32));

    /**
     * Decoded W+ by the SHA-256 of its object: the same bytes decode to the same code, so a case's latents are
     * read once, not at every ranking (4,096 codes of 64² W+ are a few tens of MB).
     */
    private final java.util.Map<String, float[][]> decoded = java.util.Collections.synchronizedMap(new LabelledCases.LruMap<>(4096));

    /** A labelled case's W+ as the worker has just read and checked it, so the next ranking need not read it again. */
    void remember(ObjectRef latents, float[][] code) {
        decoded.put(latents.sha256(), code);
    }

    /** The case's W+, or empty when its object is gone or damaged (it then sits this ranking out). */
    private Optional<float[][]> load(LabelledCases.Entry entry) {
        float[][] known = decoded.get(entry.latents().sha256());
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Optional<byte[]> bytes = store.getIfPresent(entry.latents());
            if (bytes.isEmpty()) {
                LOG.warnf("latents of a labelled case are gone: %s", entry.latents().key());
                return Optional.empty();
            }
            float[][] code = WPlusCodes.read(bytes.get());
            decoded.put(entry.latents().sha256(), code);
            return Optional.of(code);
        } catch (ChecksumMismatchException | IOException e) {
            LOG.warnf("latents of a labelled case are unreadable: %s", entry.latents().key());
            return Optional.empty();
        }
    }

    private static boolean sameShape(float[][] a, float[][] b) {
        return a.length == b.length && a[0].length == b[0].length;
    }
}
