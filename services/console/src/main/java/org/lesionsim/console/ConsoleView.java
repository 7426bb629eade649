package org.lesionsim.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.DeadLetter;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.DirectionsComputed;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventType;
import org.lesionsim.events.ImagePreprocessed;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.LesionEvent;
import org.lesionsim.events.MetricsScored;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.events.SimulationRequested;
import org.lesionsim.events.TrainingProgress;
import org.lesionsim.events.TrainingRequested;

/**
 * What the console knows: every lesionsim event folded, in topic order, into the state of each
 * case, simulation, training job, checkpoint, direction set and dead letter. It is a pure function
 * of the events it was given, so replaying the topics from the start rebuilds it exactly (after a
 * restart, on every replica). Knows nothing of Kafka or HTTP; {@link TopicFollower} feeds it.
 */
public final class ConsoleView {

    /** How far a case has come, in pipeline order. */
    public enum CaseStage {
        received, preprocessed, inverted, rendered, scored;

        String state() {
            return name();
        }
    }

    public static final String DEAD_LETTERED = "dead-lettered";

    /** A change a live client may want to see ({@code GET /api/events}). */
    public record Change(String type, UUID caseId, UUID jobId, String state, Instant time, String submitter) {
    }

    public static final class CaseState {
        public final UUID caseId;
        public CaseReceived received;
        public ImagePreprocessed preprocessed;
        public LatentsInverted inverted;
        public CaseStage stage = CaseStage.received;
        public Instant updated;
        public DeadLetter deadLetter;
        public String deadLetterStage;
        /** Simulation ids of this case, in the order they were first seen. */
        public final List<UUID> simulations = new CopyOnWriteArrayList<>();

        CaseState(UUID caseId) {
            this.caseId = caseId;
        }

        public String state() {
            return deadLetter != null ? DEAD_LETTERED : stage.state();
        }

        public Instant receivedTime() {
            return received != null ? received.time() : updated;
        }

        public Diagnosis diagnosis() {
            if (received != null && received.diagnosis() != null) {
                return received.diagnosis();
            }
            return preprocessed != null ? preprocessed.diagnosis() : null;
        }

        public String submitter() {
            return received == null ? null : received.submitter();
        }

        /** The newest time a stage was reached: a dead letter older than it no longer stops the case. */
        Instant lastStage;

        void advance(CaseStage reached, Instant time) {
            if (reached.ordinal() >= stage.ordinal()) {
                stage = reached;
            }
            if (lastStage == null || time.isAfter(lastStage)) {
                lastStage = time;
            }
            if (deadLetter != null && time.isAfter(deadLetter.time())) {
                deadLetter = null; // a later stage happened: the case moved on (e.g. after a replay)
                deadLetterStage = null;
            }
            touch(time);
        }

        void deadLettered(DeadLetter letter) {
            if (lastStage == null || letter.time().isAfter(lastStage)) {
                deadLetter = letter;
                deadLetterStage = letter.worker();
            }
            touch(letter.time());
        }

        void touch(Instant time) {
            if (updated == null || time.isAfter(updated)) {
                updated = time;
            }
        }
    }

    public static final class SimulationState {
        public final UUID simulationId;
        public UUID caseId;
        public SimulationRequested requested;
        public SimulationRendered rendered;
        public MetricsScored scored;
        public DeadLetter deadLetter;

        SimulationState(UUID simulationId) {
            this.simulationId = simulationId;
        }

        public String state() {
            if (deadLetter != null) {
                return DEAD_LETTERED;
            }
            return scored != null ? "scored" : rendered != null ? "rendered" : "requested";
        }
    }

    public static final class TrainingJobState {
        public final UUID jobId;
        public TrainingRequested requested;
        public final List<TrainingProgress> ticks = new CopyOnWriteArrayList<>();
        /** checkpoint id -> its kimg and metrics (SWD, FID ...), in the order published. */
        public final Map<String, CheckpointMetrics> checkpoints = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        public TrainingProgress.Status status;
        public String message;
        public DeadLetter deadLetter;
        Instant lastTick;

        TrainingJobState(UUID jobId) {
            this.jobId = jobId;
        }

        public String state() {
            if (deadLetter != null) {
                return DEAD_LETTERED;
            }
            return status == null ? "requested" : status.name();
        }
    }

    public static final class CheckpointMetrics {
        public final String checkpointId;
        public Double kimg;
        public final Map<String, Double> metrics = new TreeMap<>();

        CheckpointMetrics(String checkpointId) {
            this.checkpointId = checkpointId;
        }
    }

    /** One {@code dead-letter.<worker>} record, and the case or job it concerns when the original event names one. */
    public record DeadLetterEntry(DeadLetter letter, String topic, UUID caseId, UUID jobId) {
    }

    /** Per topic: how many events, and the newest event's time. */
    public static final class TopicStats {
        public long events;
        public Instant last;
    }

    private final Map<UUID, CaseState> cases = new ConcurrentHashMap<>();
    private final Map<UUID, SimulationState> simulations = new ConcurrentHashMap<>();
    /** rendered event id -> simulation id, to attach metrics.scored (its causation id) to its simulation. */
    private final Map<UUID, UUID> simulationByRenderedEvent = new ConcurrentHashMap<>();
    /**
     * Scores whose rendered event was not read yet. Topics are read side by side, so rebuilding the
     * view from the start may meet metrics.scored before the simulations.rendered it scores.
     */
    private final Map<UUID, MetricsScored> scoresAwaitingTheirRendering = new ConcurrentHashMap<>();
    private final Map<UUID, TrainingJobState> trainingJobs = new ConcurrentHashMap<>();
    private final Map<String, CheckpointPublished> checkpoints = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, DirectionsComputed> directions = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<UUID, DeadLetterEntry> deadLetters = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, TopicStats> topics = new ConcurrentHashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private long undecodable;

    /** Listeners hear every change after it is applied (on the follower's thread: they must not block). */
    public void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /**
     * Folds one record of {@code topic}. A record that is not a lesionsim event is counted and
     * skipped: the view must never stop on one bad record (the workers dead-letter those).
     */
    public synchronized void apply(String topic, String value) {
        TopicStats stats = topics.computeIfAbsent(topic, t -> new TopicStats());
        stats.events++;
        LesionEvent event;
        try {
            event = topic.startsWith(EventType.DEAD_LETTER.topic() + ".")
                    ? EventCodec.fromJson(value, DeadLetter.class)
                    : EventCodec.fromJson(value, eventTypeOf(topic).recordClass());
        } catch (RuntimeException e) {
            undecodable++;
            return;
        }
        Instant time = event.time();
        if (time != null && (stats.last == null || time.isAfter(stats.last))) {
            stats.last = time;
        }
        apply(topic, event);
    }

    private static EventType eventTypeOf(String topic) {
        for (EventType t : EventType.values()) {
            if (t.topic().equals(topic)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a lesionsim topic: " + topic);
    }

    private void apply(String topic, LesionEvent event) {
        if (event instanceof CaseReceived e) {
            CaseState c = caseOf(e.caseId());
            c.received = e;
            c.touch(e.time());
            emit(EventType.CASE_RECEIVED.typeName(), c, null);
        } else if (event instanceof ImagePreprocessed e) {
            CaseState c = caseOf(e.caseId());
            c.preprocessed = e;
            c.advance(CaseStage.preprocessed, e.time());
            emit(EventType.IMAGE_PREPROCESSED.typeName(), c, null);
        } else if (event instanceof LatentsInverted e) {
            CaseState c = caseOf(e.caseId());
            c.inverted = e;
            c.advance(CaseStage.inverted, e.time());
            emit(EventType.LATENTS_INVERTED.typeName(), c, null);
        } else if (event instanceof SimulationRequested e) {
            SimulationState s = simulations.computeIfAbsent(e.jobId(), SimulationState::new);
            s.requested = e;
            s.caseId = e.caseId();
            CaseState c = caseOf(e.caseId());
            if (!c.simulations.contains(s.simulationId)) {
                c.simulations.add(s.simulationId);
            }
            emit(EventType.SIMULATION_REQUESTED.typeName(), c, s.simulationId);
        } else if (event instanceof SimulationRendered e) {
            UUID id = simulationId(e);
            SimulationState s = simulations.computeIfAbsent(id, SimulationState::new);
            s.rendered = e;
            s.caseId = e.caseId();
            if (s.deadLetter != null && e.time().isAfter(s.deadLetter.time())) {
                s.deadLetter = null;
            }
            simulationByRenderedEvent.put(e.eventId(), id);
            MetricsScored early = scoresAwaitingTheirRendering.remove(e.eventId());
            if (early != null) {
                s.scored = early;
            }
            CaseState c = caseOf(e.caseId());
            if (!c.simulations.contains(id)) {
                c.simulations.add(id);
            }
            c.advance(CaseStage.rendered, e.time());
            emit(EventType.SIMULATION_RENDERED.typeName(), c, id);
        } else if (event instanceof MetricsScored e) {
            CaseState c = caseOf(e.caseId());
            UUID id = simulationByRenderedEvent.get(e.causationId());
            if (id != null) {
                SimulationState s = simulations.get(id);
                s.scored = e;
            } else {
                scoresAwaitingTheirRendering.put(e.causationId(), e);
            }
            c.advance(CaseStage.scored, e.time());
            emit(EventType.METRICS_SCORED.typeName(), c, id);
        } else if (event instanceof TrainingRequested e) {
            TrainingJobState j = trainingJobs.computeIfAbsent(e.jobId(), TrainingJobState::new);
            j.requested = e;
            emitJob(EventType.TRAINING_REQUESTED.typeName(), j);
        } else if (event instanceof TrainingProgress e) {
            TrainingJobState j = trainingJobs.computeIfAbsent(e.jobId(), TrainingJobState::new);
            if (e.metrics() != null && !e.metrics().isEmpty() && e.checkpointId() != null) {
                synchronized (j.checkpoints) { // readers copy it under this lock
                    CheckpointMetrics m = j.checkpoints.computeIfAbsent(e.checkpointId(), CheckpointMetrics::new);
                    m.kimg = e.kimg();
                    e.metrics().forEach((k, v) -> {
                        if (v != null) {
                            m.metrics.put(k, v);
                        }
                    });
                }
            } else {
                j.ticks.add(e);
                j.status = e.status();
                if (e.message() != null) {
                    j.message = e.message();
                }
                if (j.lastTick == null || e.time().isAfter(j.lastTick)) {
                    j.lastTick = e.time();
                }
                if (j.deadLetter != null && e.time().isAfter(j.deadLetter.time())) {
                    j.deadLetter = null; // a tick after the dead letter: the job was replayed and runs
                }
            }
            emitJob(EventType.TRAINING_PROGRESS.typeName(), j);
        } else if (event instanceof CheckpointPublished e) {
            checkpoints.put(e.checkpointId(), e);
            if (e.jobId() != null) {
                TrainingJobState j = trainingJobs.computeIfAbsent(e.jobId(), TrainingJobState::new);
                j.checkpoints.computeIfAbsent(e.checkpointId(), CheckpointMetrics::new).kimg = e.kimg();
                emitJob(EventType.CHECKPOINT_PUBLISHED.typeName(), j);
            } else {
                emit(new Change(EventType.CHECKPOINT_PUBLISHED.typeName(), null, null, null, e.time(), null));
            }
        } else if (event instanceof DirectionsComputed e) {
            directions.put(e.checkpointId() + "/" + e.method() + "/" + e.layers(), e);
            emit(new Change(EventType.DIRECTIONS_COMPUTED.typeName(), null, e.jobId(), null, e.time(), null));
        } else if (event instanceof DeadLetter e) {
            applyDeadLetter(topic, e);
        }
    }

    /** A simulation is its job (a {@code jobs.simulate} request); an automatic walk has none and is its rendered event. */
    static UUID simulationId(SimulationRendered e) {
        return e.jobId() != null ? e.jobId() : e.eventId();
    }

    private void applyDeadLetter(String topic, DeadLetter e) {
        UUID caseId = null;
        UUID jobId = null;
        JsonNode original = null;
        try {
            original = EventCodec.mapper().readTree(e.originalEvent());
        } catch (Exception notJson) {
            // the original was not JSON at all (a MALFORMED_EVENT): nothing to attach it to
        }
        if (original != null && original.isObject()) {
            caseId = uuid(original.path("caseId"));
            jobId = uuid(original.path("jobId"));
        }
        deadLetters.put(e.eventId(), new DeadLetterEntry(e, topic, caseId, jobId));
        // A researcher's simulation that fails, to render or to score, is that simulation's failure, not the case's.
        boolean ofARequestedSimulation = jobId != null && (EventType.SIMULATION_REQUESTED.topic().equals(e.sourceTopic())
                || EventType.SIMULATION_RENDERED.topic().equals(e.sourceTopic()));
        if (ofARequestedSimulation) {
            SimulationState s = simulations.computeIfAbsent(jobId, SimulationState::new);
            if (s.caseId == null) {
                s.caseId = caseId;
            }
            if (caseId != null && !caseOf(caseId).simulations.contains(jobId)) {
                caseOf(caseId).simulations.add(jobId);
            }
            if (s.rendered == null || e.time().isAfter(s.rendered.time())) {
                s.deadLetter = e;
            }
        } else if (jobId != null && e.sourceTopic().equals(EventType.TRAINING_REQUESTED.topic())) {
            TrainingJobState j = trainingJobs.computeIfAbsent(jobId, TrainingJobState::new);
            if (j.lastTick == null || e.time().isAfter(j.lastTick)) {
                j.deadLetter = e;
            }
        }
        CaseState c = caseId == null ? null : caseOf(caseId);
        if (c != null && !ofARequestedSimulation) {
            // A stage that fails stops the case; a requested simulation that fails leaves the case where it was.
            c.deadLettered(e);
        }
        emit(new Change(EventType.DEAD_LETTER.typeName(), caseId, jobId, DEAD_LETTERED, e.time(),
                c == null ? null : c.submitter()));
    }

    private static UUID uuid(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(n.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private CaseState caseOf(UUID caseId) {
        return cases.computeIfAbsent(caseId, CaseState::new);
    }

    private void emit(String type, CaseState c, UUID jobId) {
        emit(new Change(type, c.caseId, jobId, c.state(), c.updated, c.submitter()));
    }

    private void emitJob(String type, TrainingJobState j) {
        emit(new Change(type, null, j.jobId, j.state(), Instant.now(), null));
    }

    private void emit(Change change) {
        for (Consumer<Change> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException ignored) {
                // a listener's failure (a closed SSE client) must not stop the fold
            }
        }
    }

    // ---- queries (safe to call from request threads) ----

    public Optional<CaseState> caseState(UUID caseId) {
        return Optional.ofNullable(cases.get(caseId)).filter(c -> c.received != null || c.preprocessed != null);
    }

    public int caseCount() {
        return cases.size();
    }

    /** Cases matching {@code filter}, newest received first. */
    public List<CaseState> cases(Predicate<CaseState> filter) {
        List<CaseState> out = new ArrayList<>();
        for (CaseState c : cases.values()) {
            if ((c.received != null || c.preprocessed != null) && filter.test(c)) {
                out.add(c);
            }
        }
        // The sort keys are read once: the follower may change a case while it is being sorted.
        record Keyed(Instant received, UUID caseId, CaseState state) {
        }
        return out.stream().map(c -> new Keyed(c.receivedTime(), c.caseId, c))
                .sorted(Comparator.comparing(Keyed::received, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Keyed::caseId))
                .map(Keyed::state).toList();
    }

    public Optional<SimulationState> simulation(UUID id) {
        return Optional.ofNullable(simulations.get(id));
    }

    public Optional<TrainingJobState> trainingJob(UUID id) {
        return Optional.ofNullable(trainingJobs.get(id));
    }

    public Collection<TrainingJobState> trainingJobs() {
        return List.copyOf(trainingJobs.values());
    }

    public List<CheckpointPublished> checkpoints() {
        synchronized (checkpoints) {
            return List.copyOf(checkpoints.values());
        }
    }

    public List<DirectionsComputed> directions() {
        synchronized (directions) {
            return List.copyOf(directions.values());
        }
    }

    public List<DeadLetterEntry> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters.values());
        }
    }

    public Optional<DeadLetterEntry> deadLetter(UUID id) {
        return Optional.ofNullable(deadLetters.get(id));
    }

    public Map<String, TopicStats> topicStats() {
        return Map.copyOf(topics);
    }

    /** Records on the topics that were not lesionsim events (skipped). */
    public synchronized long undecodable() {
        return undecodable;
    }
}
