package org.lesionsim.metrics.service;

import static org.lesionsim.worker.DeadLetterReason.FRAME_MISSING;
import static org.lesionsim.worker.DeadLetterReason.FRAME_SIZE_MISMATCH;
import static org.lesionsim.worker.DeadLetterReason.FRAME_UNREADABLE;
import static org.lesionsim.worker.DeadLetterReason.IMAGE_MISSING;
import static org.lesionsim.worker.DeadLetterReason.INVALID_FRAME_KEY;
import static org.lesionsim.worker.DeadLetterReason.NO_FRAMES;

import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.imaging.ImageDecoder;
import org.lesionsim.imaging.ImageRejectedException;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.scoring.FrameScore;
import org.lesionsim.scoring.ProgressionScorer;
import org.lesionsim.scoring.ProgressionScores;
import org.lesionsim.scoring.ProgressionVerdict;
import org.lesionsim.scoring.ScoredStrip;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.RejectedInputException;
import org.lesionsim.worker.WorkerInput;

/**
 * {@code simulation rendered} → {@code metrics scored}: downloads the frames (checksums verified),
 * scores them with {@link ProgressionScorer} against frame 0, writes beside the frames the per-frame
 * table ({@code metrics.csv}, with the skin ΔE column), the verdict ({@code verdict.json}: the
 * {@link ProgressionVerdict} as the event carries it, so the folder explains itself without the
 * event), the figure ({@code metrics.png}, its title the verdict) and the scored strip
 * ({@code strip-scored.png}: {@link ScoredStrip}, with the simulation's input and reconstruction when
 * it names them), and describes them in the event: per score its values per frame and Spearman's ρ
 * with α, whether the progression is monotone (TDS-based, kept for compatibility) and the verdict that
 * supersedes it. Keys and event id follow from the simulation alone, so a redelivered simulation
 * rewrites the same objects and announces the same event id. An input or reconstruction that cannot be
 * read is left out of the strip with a warning: it decorates the figure, the scores do not depend on it.
 *
 * <p>A score's {@code perFrame} is null when it was not measured on every frame (ABCD on a frame
 * where no lesion was found; the table says why), and LPIPS without configured weights is
 * {@code not-configured} with no values at all.
 */
@ApplicationScoped
public class ProgressionScoring {
    static final String TABLE = "metrics.csv";
    static final String PLOT = "metrics.png";
    /** Which events made this folder's results: read by the case bundle's provenance (the store keeps no events). */
    static final String SCORED = "scored.json";
    static final String VERDICT = "verdict.json";
    static final String SCORED_STRIP = "strip-scored.png";
    private static final Logger LOG = Logger.getLogger(ProgressionScoring.class);

    @Inject
    ObjectStore store;

    @Inject
    PretrainedMetrics pretrained;

    private final ImageDecoder decoder = new ImageDecoder();

    public MetricsScored score(SimulationRendered simulation) {
        if (simulation.frames().isEmpty()) {
            throw new RejectedInputException(NO_FRAMES, "the simulation names no frames");
        }
        List<String> keys = simulation.frames().stream().map(ObjectRef::key).toList();
        String folder = folderOf(keys.get(0));
        List<BufferedImage> images = new ArrayList<>();
        List<PlanarImage> frames = new ArrayList<>();
        for (ObjectRef ref : simulation.frames()) {
            BufferedImage image = decode(ref, download(ref));
            images.add(image);
            frames.add(PlanarImage.fromBufferedImage(image));
        }
        PlanarImage first = frames.get(0);
        for (int k = 1; k < frames.size(); k++) {
            PlanarImage frame = frames.get(k);
            if (frame.width() != first.width() || frame.height() != first.height()) {
                throw new RejectedInputException(FRAME_SIZE_MISMATCH, "frame " + k + " is " + frame.width() + "x"
                        + frame.height() + ", frame 0 is " + first.width() + "x" + first.height());
            }
        }

        double[] millis = new double[frames.size()];
        long[] last = {System.nanoTime()};
        ProgressionScores scores = new ProgressionScorer(pretrained.lpips(), pretrained.judge()).score(frames, simulation.alphas(), f -> {
            long now = System.nanoTime();
            millis[f.frame()] = (now - last[0]) / 1e6;
            last[0] = now;
        });
        LOG.infof("case %s: scored %d frames of %dx%d, %.1f ms per frame (median %.1f ms; LPIPS %s; judge %s): %s",
                simulation.caseId(), frames.size(), first.width(), first.height(), Arrays.stream(millis).average().orElse(0),
                median(millis), scores.summary().lpipsNotMeasured() == null ? "measured" : "not configured",
                scores.summary().judgeNotMeasured() == null ? "measured" : "not configured", scores.verdict().headline());
        MetricsScored.Verdict verdict = verdict(scores.verdict());

        ObjectRef table = store.put(ObjectKeys.requireSafe(folder + TABLE), ProgressionTable.csv(scores.frames(), keys),
                "text/csv");
        store.put(ObjectKeys.requireSafe(folder + VERDICT), json(verdict), "application/json");
        ObjectRef plot = store.put(ObjectKeys.requireSafe(folder + PLOT), PngEncoder.encode(ProgressionPlot.render(scores), PngEncoder.Filtering.NONE),
                "image/png");
        BufferedImage strip = ScoredStrip.compose(optionalImage(simulation.input(), "input"),
                optionalImage(simulation.reconstruction(), "reconstruction"), images, scores.frames(), scores.verdict());
        ObjectRef scoredStrip = store.put(ObjectKeys.requireSafe(folder + SCORED_STRIP), PngEncoder.encode(strip), "image/png");
        Double tdsRho = scores.summary().spearmanWithAlpha().get("tds");
        store.put(ObjectKeys.requireSafe(folder + SCORED), scoredRecord(simulation), "application/json");
        return new MetricsScored(eventId(simulation), Instant.now(), simulation.caseId(), simulation.checkpointId(),
                simulation.eventId(), simulation.alphas(), scoreList(scores), tdsRho == null ? null : scores.summary().monotone(),
                table, plot, verdict, scoredStrip);
    }

    /** The verdict as the event carries it. */
    static MetricsScored.Verdict verdict(ProgressionVerdict v) {
        MetricsScored.VerdictStatus status = switch (v.status()) {
            case CREDIBLE -> MetricsScored.VerdictStatus.credible;
            case NOT_CREDIBLE -> MetricsScored.VerdictStatus.notCredible;
            case NOT_CONFIGURED -> MetricsScored.VerdictStatus.notConfigured;
        };
        return new MetricsScored.Verdict(status, v.failed().stream().map(f -> new MetricsScored.FailedCondition(f.code().name(),
                f.detail(), f.frames(), f.value())).toList(), v.notJudged(),
                new MetricsScored.VerdictBounds(v.bounds().pMelSpearman(), v.bounds().skinDeltaE(),
                        v.bounds().pMelRise()));
    }

    private static byte[] json(MetricsScored.Verdict verdict) {
        try {
            return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(verdict);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the verdict", e);
        }
    }

    /** The image behind an optional ref, or null (with a warning) when there is none or it cannot be read. */
    private BufferedImage optionalImage(ObjectRef ref, String what) {
        if (ref == null) {
            return null;
        }
        try {
            return decode(ref, WorkerInput.read(store, ref, IMAGE_MISSING));
        } catch (RejectedInputException e) {
            LOG.warnf("the scored strip leaves out the %s: %s", what, e.getMessage());
            return null;
        }
    }

    /** {@code scored.json}: case, checkpoint, direction and the ids of the simulation and scored events; same simulation, same bytes. */
    static byte[] scoredRecord(SimulationRendered simulation) {
        Map<String, String> record = new java.util.LinkedHashMap<>();
        record.put("caseId", simulation.caseId().toString());
        record.put("checkpointId", simulation.checkpointId());
        record.put("direction", simulation.direction());
        record.put("simulationEventId", simulation.eventId().toString());
        record.put("scoredEventId", eventId(simulation).toString());
        try {
            return org.lesionsim.events.EventCodec.mapper().writeValueAsBytes(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic: the same simulation always yields the same {@code metrics scored} id. */
    static UUID eventId(SimulationRendered simulation) {
        return EventIds.of(EventType.METRICS_SCORED, simulation.eventId());
    }

    /** The simulation's folder: the frames' prefix up to and including the last '/'. */
    private static String folderOf(String frameKey) {
        try {
            ObjectKeys.requireSafe(frameKey);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(INVALID_FRAME_KEY, e.getMessage(), e);
        }
        return frameKey.substring(0, frameKey.lastIndexOf('/') + 1);
    }

    private byte[] download(ObjectRef ref) {
        return WorkerInput.read(store, ref, FRAME_MISSING);
    }

    private BufferedImage decode(ObjectRef ref, byte[] bytes) {
        try {
            return decoder.decode(bytes).image();
        } catch (ImageRejectedException e) {
            throw new RejectedInputException(FRAME_UNREADABLE, ref.key() + ": " + e.getMessage(), e);
        }
    }

    private static List<MetricsScored.Score> scoreList(ProgressionScores scores) {
        List<MetricsScored.Score> out = new ArrayList<>();
        Map<String, Double> rho = scores.summary().spearmanWithAlpha();
        for (Map.Entry<String, Function<FrameScore, Number>> score : ProgressionScorer.SCORES.entrySet()) {
            String name = score.getKey();
            if ((name.equals("lpips") && scores.summary().lpipsNotMeasured() != null)
                    || ((name.equals("p_mel") || name.equals("realism_distance")) && scores.summary().judgeNotMeasured() != null)) {
                out.add(new MetricsScored.Score(name, MetricsScored.Status.notConfigured, null, null));
                continue;
            }
            List<Number> values = scores.frames().stream().map(score.getValue()).toList();
            List<Double> perFrame = values.contains(null) ? null : values.stream().map(Number::doubleValue).toList();
            out.add(new MetricsScored.Score(name, MetricsScored.Status.ok, perFrame, rho.get(name)));
        }
        return out;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
