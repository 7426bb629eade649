package org.lesionsim.ingest.pacs;

import static org.lesionsim.worker.DeadLetterReason.MALFORMED_METADATA;
import static org.lesionsim.worker.DeadLetterReason.NOT_AN_IMAGE;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.lesionsim.dicom.ConfidentialityProfile;
import org.lesionsim.dicom.DeidentifiedInstance;
import org.lesionsim.dicom.DicomAcceptance;
import org.lesionsim.dicom.DicomJson;
import org.lesionsim.dicom.DicomTag;
import org.lesionsim.dicom.UidPseudonym;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.EventCodec;
import org.lesionsim.imaging.ImageFormat;
import org.lesionsim.imaging.ImageRejectedException;
import org.lesionsim.ingest.CaseIntake;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.RejectedInputException;

/**
 * Follows a PACS over DICOMweb: every poll it searches (QIDO-RS) for instances of the configured
 * modalities, and each one not yet seen becomes a case — metadata fetched (WADO-RS), checked by
 * {@link DicomAcceptance}, de-identified by {@link ConfidentialityProfile}, rendered frame fetched
 * as PNG and handed to {@link CaseIntake} with its pseudonymous UIDs — or, when refused, a dead
 * letter carrying only pseudonyms and the kept attributes.
 *
 * <p>Never loses an instance: it is marked seen ({@link ObjectKeys#pacsSeen}) only after the case
 * was announced (the broker acknowledged) or the dead letter sent. A PACS that does not answer
 * makes readiness DOWN and the next tries back off exponentially up to a cap; a store or broker
 * failure leaves the instance unmarked, so the next poll takes it again (and {@link CaseIntake}'s
 * derived case id makes that second sighting the same case). Logs name pseudonyms and counts only.
 */
@ApplicationScoped
public class PacsFollower {
    private static final Logger LOG = Logger.getLogger(PacsFollower.class);
    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final List<String> INCLUDE_FIELDS = List.of(DicomTag.SOP_CLASS_UID, DicomTag.MODALITY);
    private static final int SEEN_CACHE_SIZE = 100_000;

    @Inject
    CaseIntake intake;

    @Inject
    ObjectStore store;

    @Inject
    DeadLetterPublisher deadLetters;

    @ConfigProperty(name = "lesionsim.pacs.url")
    Optional<String> url;

    @ConfigProperty(name = "lesionsim.pacs.name", defaultValue = "pacs")
    String name;

    @ConfigProperty(name = "lesionsim.pacs.modalities", defaultValue = "XC,OT")
    List<String> modalities;

    @ConfigProperty(name = "lesionsim.pacs.sop-classes")
    Optional<List<String>> sopClasses;

    /** Only studies from this date on (ISO yyyy-MM-dd); all when empty. */
    @ConfigProperty(name = "lesionsim.pacs.since")
    Optional<String> since;

    @ConfigProperty(name = "lesionsim.pacs.page-size", defaultValue = "100")
    int pageSize;

    @ConfigProperty(name = "lesionsim.pacs.request-timeout", defaultValue = "30s")
    Duration requestTimeout;

    @ConfigProperty(name = "lesionsim.pacs.poll-interval", defaultValue = "5s")
    Duration pollInterval;

    @ConfigProperty(name = "lesionsim.pacs.max-backoff", defaultValue = "5m")
    Duration maxBackoff;

    @ConfigProperty(name = "lesionsim.pacs.pseudonym-key")
    Optional<String> pseudonymKey;

    @ConfigProperty(name = "lesionsim.pacs.submitter")
    Optional<String> submitter;

    private DicomWebClient pacs;
    private ConfidentialityProfile profile;
    private DicomAcceptance acceptance;
    private String studyDateRange;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Boolean> seen = java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_CACHE_SIZE;
        }
    });

    private volatile PacsReachability reachability = PacsReachability.off();
    private volatile Instant nextAttempt = Instant.EPOCH;
    private volatile int consecutiveFailures;

    /** Refuses to start when a PACS is configured without a pseudonym key (or with a name unfit for a key). */
    void onStart(@Observes StartupEvent start) {
        if (url.isEmpty() || url.get().isBlank()) {
            LOG.info("PACS follower off (lesionsim.pacs.url is empty)");
            return;
        }
        if (pseudonymKey.isEmpty() || pseudonymKey.get().isBlank()) {
            throw new IllegalStateException("lesionsim.pacs.url is set but lesionsim.pacs.pseudonym-key is missing: the PACS follower"
                    + " needs the hospital's key (at least " + UidPseudonym.MIN_KEY_BYTES + " bytes) to pseudonymise DICOM UIDs;"
                    + " set PACS_PSEUDONYM_KEY or lesionsim.pacs.pseudonym-key");
        }
        try {
            ObjectKeys.pacsSeenPrefix(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lesionsim.pacs.name '" + name + "' must be lower-case letters, digits, '.', '_', '=' or '-'");
        }
        UidPseudonym pseudonym;
        try {
            pseudonym = UidPseudonym.fromSecret(pseudonymKey.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lesionsim.pacs.pseudonym-key: " + e.getMessage());
        }
        profile = new ConfidentialityProfile(pseudonym);
        try {
            studyDateRange = since.filter(s -> !s.isBlank()).map(s -> LocalDate.parse(s.strip()).format(DICOM_DATE) + "-").orElse(null);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("lesionsim.pacs.since must be a date yyyy-MM-dd, got '" + since.get() + "'");
        }
        acceptance = new DicomAcceptance(sopClasses.filter(s -> !s.isEmpty()).map(Set::copyOf).orElse(DicomAcceptance.DEFAULT_SOP_CLASSES));
        pacs = new DicomWebClient(url.get().strip(), requestTimeout);
        reachability = PacsReachability.notYetPolled(name);
        LOG.infof("PACS follower on: source %s, modalities %s, every %s", name, modalities, pollInterval);
    }

    /** Whether the PACS answered the last poll; read by the readiness check. */
    public PacsReachability reachability() {
        return reachability;
    }

    @Scheduled(every = "{lesionsim.pacs.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPoll() {
        if (pacs == null || clock.instant().isBefore(nextAttempt)) {
            return;
        }
        try {
            poll();
        } catch (RuntimeException e) {
            // Nothing escapes to the scheduler; the type names the cause without a payload.
            LOG.warnf("PACS %s poll stopped by %s; unmarked instances are taken next poll", name, e.getClass().getSimpleName());
        }
    }

    /** One pass over the PACS; the counts of what it did. */
    Counts poll() {
        Counts counts = new Counts();
        try {
            for (int offset = 0; ; offset += pageSize) {
                List<DicomJson> page = pacs.searchInstances(modalities, studyDateRange, INCLUDE_FIELDS, offset, pageSize);
                reachable();
                for (DicomJson found : page) {
                    take(found, counts);
                }
                if (page.size() < pageSize) {
                    break;
                }
            }
        } catch (PacsUnavailableException e) {
            unreachable(e.getMessage());
        } finally {
            if (counts.cases + counts.refused > 0) {
                LOG.infof("PACS %s: %d new cases, %d refused", name, counts.cases, counts.refused);
            }
        }
        return counts;
    }

    private void take(DicomJson found, Counts counts) {
        if (!ConfidentialityProfile.hasUids(found)) {
            counts.skipped++;
            return;
        }
        DeidentifiedInstance listed = profile.apply(found);
        String pseudonymousSop = listed.uids().sopInstanceUid();
        if (seen.containsKey(pseudonymousSop)) {
            return;
        }
        String marker = ObjectKeys.pacsSeen(name, pseudonymousSop);
        if (store.exists(marker)) {
            seen.put(pseudonymousSop, Boolean.TRUE);
            return;
        }
        DicomWebClient.InstanceAddress address = new DicomWebClient.InstanceAddress(found.string(DicomTag.STUDY_INSTANCE_UID).orElseThrow(),
                found.string(DicomTag.SERIES_INSTANCE_UID).orElseThrow(), found.string(DicomTag.SOP_INSTANCE_UID).orElseThrow());
        Map<String, Object> outcome = new LinkedHashMap<>();
        try {
            DicomJson metadata = pacs.metadata(address);
            Optional<DicomAcceptance.Refusal> refusal = acceptance.check(metadata);
            if (refusal.isPresent()) {
                throw new RejectedInputException(refusal.get().reason(), refusal.get().detail());
            }
            DeidentifiedInstance instance = profile.apply(metadata);
            if (!instance.uids().equals(listed.uids())) {
                throw new RejectedInputException(MALFORMED_METADATA, "the metadata's UIDs differ from the search result's");
            }
            byte[] png = pacs.renderedPng(address);
            if (ImageFormat.sniff(png) != ImageFormat.PNG) {
                throw new RejectedInputException(NOT_AN_IMAGE, "the rendered frame is not PNG");
            }
            CaseIntake.ClinicalMetadata clinical = new CaseIntake.ClinicalMetadata(null, null, null,
                    instance.localization().orElse(null), Map.of("dataset", "pacs"));
            CaseReceived event = intake.accept(CaseIntake.Submission.of(png, ImageFormat.PNG, clinical, CaseReceived.Source.pacs)
                    .withSubmitter(submitter.filter(s -> !s.isBlank()).orElse(null))
                    .fromPacs(instance.uids()));
            outcome.put("outcome", "case");
            outcome.put("caseId", event.caseId().toString());
            counts.cases++;
            LOG.debugf("PACS %s instance %s -> case %s", name, pseudonymousSop, event.caseId());
        } catch (ImageRejectedException e) {
            refuse(listed, new RejectedInputException(e.reason(), e.getMessage(), e), outcome);
            counts.refused++;
        } catch (RejectedInputException e) {
            refuse(listed, e, outcome);
            counts.refused++;
        }
        // Only now, after the broker acknowledged the case or the dead letter: a crash before here
        // makes the next poll take the instance again, never skip it.
        store.put(marker, json(outcome), "application/json");
        seen.put(pseudonymousSop, Boolean.TRUE);
    }

    private void refuse(DeidentifiedInstance listed, RejectedInputException rejection, Map<String, Object> outcome) {
        // The "original" of the dead letter is what survived de-identification, never the PACS's metadata.
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("pacs", name);
        original.put("dicom", listed.uids());
        original.put("kept", listed.kept());
        deadLetters.reject(Message.of(new String(json(original), StandardCharsets.UTF_8)), "pacs." + name, rejection);
        outcome.put("outcome", "dead-letter");
        outcome.put("reasonCode", rejection.code());
        LOG.infof("PACS %s instance %s refused: %s", name, listed.uids().sopInstanceUid(), rejection.code());
    }

    private void reachable() {
        if (consecutiveFailures > 0) {
            LOG.infof("PACS %s answers again after %d failed polls", name, consecutiveFailures);
        }
        consecutiveFailures = 0;
        nextAttempt = Instant.EPOCH;
        reachability = PacsReachability.up(name, clock.instant());
    }

    private void unreachable(String reason) {
        consecutiveFailures++;
        Duration backoff = backoff(consecutiveFailures, pollInterval, maxBackoff);
        nextAttempt = clock.instant().plus(backoff);
        reachability = PacsReachability.down(name, reason, reachability.lastAnswer(), consecutiveFailures);
        LOG.warnf("PACS %s unreachable (%s); poll %d failed, next try in %s", name, reason, consecutiveFailures, backoff);
    }

    /** {@code interval * 2^(failures-1)}, at most {@code cap}: 1, 2, 4, 8 ... intervals. */
    static Duration backoff(int failures, Duration interval, Duration cap) {
        return new org.lesionsim.worker.Backoff(interval, cap.compareTo(interval) < 0 ? interval : cap, 0)
                .ceiling(Math.max(failures, 1) + 1);
    }

    private static byte[] json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one poll did. */
    static final class Counts {
        int cases;
        int refused;
        int skipped;
    }
}
