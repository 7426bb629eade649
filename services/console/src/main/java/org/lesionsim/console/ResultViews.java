package org.lesionsim.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.storage.ObjectStore;

/**
 * The API's answers, built from {@link ConsoleView}: what a case, a simulation or a training job
 * looks like to a caller, with presigned links to every stored output (never the objects' keys
 * alone: a caller has no store credentials).
 */
@ApplicationScoped
public class ResultViews {
    @Inject
    ObjectStore store;

    @ConfigProperty(name = "lesionsim.console.link-validity", defaultValue = "PT1H")
    Duration linkValidity;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetterSummary(UUID id, String worker, String reasonCode, String reason, Instant time) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseSummary(UUID caseId, String state, String diagnosis, String source, Instant received, Instant updated,
                              String stage, DeadLetterSummary deadLetter, String verdict, int simulations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseDetail(UUID caseId, String state, String diagnosis, String source, Instant received, Instant updated,
                             String stage, DeadLetterSummary deadLetter, String verdict, Map<String, String> checkpoints,
                             Map<String, Double> inversion, Map<String, String> links, List<Simulation> simulations,
                             JsonNode clinical) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Frame(int index, double alpha, String url, Double pMel, Double realism, Boolean realistic) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failed(String code, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verdict(String status, List<Failed> failed, String notJudged) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Simulation(UUID simulationId, UUID caseId, String state, String checkpointId, String direction, String layers,
                             String schedule, String stopReason, List<Double> alphas, Instant requested, Instant rendered,
                             Instant scored, List<Frame> frames, Map<String, String> links, Verdict verdict,
                             Map<String, Double> spearmanWithAlpha, DeadLetterSummary deadLetter) {
    }

    public CaseSummary summary(ConsoleView.CaseState c, ConsoleView view) {
        return new CaseSummary(c.caseId, c.state(), diagnosis(c), source(c), c.receivedTime(), c.updated, c.stage.name(),
                deadLetter(c.deadLetter), latestVerdict(c, view), c.simulations.size());
    }

    public CaseDetail detail(ConsoleView.CaseState c, ConsoleView view, boolean withClinical) {
        Map<String, String> checkpoints = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        Map<String, Double> inversion = null;
        if (c.received != null) {
            links.put("original", link(c.received.original()));
        }
        if (c.preprocessed != null) {
            checkpoints.put("preprocessing", c.preprocessed.preprocessing());
            links.put("preprocessed", link(c.preprocessed.image()));
        }
        if (c.inverted != null) {
            checkpoints.put("encoder", c.inverted.checkpointId());
            links.put("reconstruction", link(c.inverted.reconstruction()));
            links.put("latents", link(c.inverted.latents()));
            inversion = new LinkedHashMap<>();
            inversion.put("reconstructionL2", c.inverted.reconstructionL2());
            inversion.put("refinementSteps", (double) c.inverted.refinementSteps());
        }
        List<Simulation> sims = new ArrayList<>();
        for (UUID id : c.simulations) {
            view.simulation(id).ifPresent(s -> sims.add(simulation(s)));
        }
        sims.stream().filter(s -> s.checkpointId() != null).reduce((a, b) -> b)
                .ifPresent(s -> checkpoints.put("generator", s.checkpointId()));
        JsonNode clinical = null;
        if (withClinical && c.received != null && c.received.clinicalMetadata() != null) {
            clinical = store.getIfPresent(c.received.clinicalMetadata()).map(ResultViews::json).orElse(null);
        }
        return new CaseDetail(c.caseId, c.state(), diagnosis(c), source(c), c.receivedTime(), c.updated, c.stage.name(),
                deadLetter(c.deadLetter), latestVerdict(c, view), checkpoints, inversion, links, sims, clinical);
    }

    public Simulation simulation(ConsoleView.SimulationState s) {
        SimulationRendered r = s.rendered;
        MetricsScored m = s.scored;
        List<Double> alphas = r != null ? r.alphas() : s.requested != null ? s.requested.alphas() : List.of();
        List<Frame> frames = new ArrayList<>();
        Map<String, String> links = new LinkedHashMap<>();
        Verdict verdict = null;
        Map<String, Double> rho = null;
        if (r != null) {
            List<Double> pMel = perFrame(m, "p_mel");
            List<Double> realism = perFrame(m, "realism_distance");
            Set<Integer> unrealistic = m == null || m.verdict() == null ? Set.of() : m.verdict().failed().stream()
                    .filter(f -> f.code().equals("OUTSIDE_REAL_RANGE")).flatMap(f -> f.frames().stream())
                    .collect(java.util.stream.Collectors.toSet());
            for (int k = 0; k < r.frames().size(); k++) {
                Boolean realistic = realism == null ? null : !unrealistic.contains(k);
                frames.add(new Frame(k, r.alphas().get(k), link(r.frames().get(k)), at(pMel, k), at(realism, k), realistic));
            }
            putLink(links, "input", r.input());
            putLink(links, "reconstruction", r.reconstruction());
            putLink(links, "strip", r.strip());
            putLink(links, "animation", r.animation());
        }
        if (m != null) {
            putLink(links, "table", m.table());
            putLink(links, "plot", m.plot());
            putLink(links, "scoredStrip", m.scoredStrip());
            if (m.verdict() != null) {
                verdict = new Verdict(status(m.verdict().status()), m.verdict().failed().stream()
                        .map(f -> new Failed(f.code(), f.detail())).toList(), m.verdict().notJudged());
            }
            rho = new LinkedHashMap<>();
            for (MetricsScored.Score score : m.scores()) {
                if (score.spearmanWithAlpha() != null) {
                    rho.put(score.name(), score.spearmanWithAlpha());
                }
            }
        }
        String direction = r != null ? r.direction() : s.requested != null ? s.requested.direction() : null;
        String layers = r != null ? r.layers() : s.requested != null ? s.requested.layers() : null;
        String checkpoint = r != null ? r.checkpointId() : s.requested != null ? s.requested.checkpointId() : null;
        return new Simulation(s.simulationId, s.caseId, s.state(), checkpoint, direction, layers, r == null ? null : r.schedule(),
                r == null ? null : r.stopReason(), alphas, s.requested == null ? null : s.requested.time(),
                r == null ? null : r.time(), m == null ? null : m.time(), frames, links, verdict, rho, deadLetter(s.deadLetter));
    }

    static String status(MetricsScored.VerdictStatus status) {
        return switch (status) {
            case credible -> "credible";
            case notCredible -> "not-credible";
            case notConfigured -> "not-configured";
        };
    }

    /** The verdict of the case's newest scored simulation, or null before one is scored. */
    static String latestVerdict(ConsoleView.CaseState c, ConsoleView view) {
        List<UUID> ids = List.copyOf(c.simulations);
        for (int i = ids.size() - 1; i >= 0; i--) {
            var s = view.simulation(ids.get(i));
            if (s.isPresent() && s.get().scored != null && s.get().scored.verdict() != null) {
                return status(s.get().scored.verdict().status());
            }
        }
        return null;
    }

    private static List<Double> perFrame(MetricsScored m, String name) {
        if (m == null) {
            return null;
        }
        return m.scores().stream().filter(s -> s.name().equals(name) && s.status() == MetricsScored.Status.ok)
                .map(MetricsScored.Score::perFrame).findFirst().orElse(null);
    }

    private static Double at(List<Double> values, int k) {
        return values == null || k >= values.size() ? null : values.get(k);
    }

    private void putLink(Map<String, String> links, String name, ObjectRef ref) {
        if (ref != null) {
            links.put(name, link(ref));
        }
    }

    String link(ObjectRef ref) {
        return ref == null ? null : store.presignedGet(ref.key(), linkValidity);
    }

    static DeadLetterSummary deadLetter(org.lesionsim.events.DeadLetter d) {
        return d == null ? null : new DeadLetterSummary(d.eventId(), d.worker(), d.reasonCode(), d.reason(), d.time());
    }

    private static String diagnosis(ConsoleView.CaseState c) {
        return c.diagnosis() == null ? null : c.diagnosis().code();
    }

    private static String source(ConsoleView.CaseState c) {
        return c.received == null ? null : c.received.source().name();
    }

    /** A stored JSON object (clinical metadata, a ranking), or null when it does not parse. */
    static JsonNode json(byte[] bytes) {
        try {
            return EventCodec.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
