package org.lesionsim.ingest;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.DicomPseudonyms;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.EventIds;
import org.lesionsim.events.EventType;
import org.lesionsim.events.ObjectRef;
import org.jboss.logging.Logger;
import org.lesionsim.imaging.ImageFormat;
import org.lesionsim.imaging.ImageRejectedException;
import org.lesionsim.imaging.MetadataRemoval;
import org.lesionsim.imaging.StrippedImage;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * Accepts one case: de-identifies the original ({@link MetadataRemoval}: EXIF, XMP, IPTC,
 * comments, thumbnails, text chunks and trailers removed, ICC text blanked, pixels untouched),
 * stores it under an opaque case id, keeps the clinical metadata in the store beside it, and
 * publishes {@code case received}. Upload, folder import and the PACS follower all go through
 * here, so no path stores an original with its metadata, and all give the same events.
 */
@ApplicationScoped
public class CaseIntake {
    private static final Logger LOG = Logger.getLogger(CaseIntake.class);

    @Inject
    ObjectStore store;

    @Inject
    org.lesionsim.worker.EventPublisher publisher;

    @Inject
    @Channel("cases-received")
    MutinyEmitter<String> casesReceived;

    /** What a submitter may tell about a case; stored, never logged, never part of a key. */
    public record ClinicalMetadata(Diagnosis diagnosis, Integer ageYears, String sex, String localization,
                                   Map<String, String> source) {
    }

    /**
     * One case as it arrives.
     *
     * @param original  the image bytes as sent (JPEG or PNG), metadata and all: stripped on accept
     * @param format    what {@link ImageFormat#sniff} found in them
     * @param clinical  optional clinical metadata
     * @param source    how it came in
     * @param importId  the folder import it belongs to, or null
     * @param submitter id of the API key that sent it (never the key), or null
     * @param dicom     pseudonymous UIDs of a PACS instance, or null
     * @param caseId    a case id derived from the source (a PACS instance always maps to the same
     *                  case, so seeing it twice stores and announces it once), or null for a fresh one
     */
    public record Submission(byte[] original, ImageFormat format, ClinicalMetadata clinical, CaseReceived.Source source,
                             UUID importId, String submitter, DicomPseudonyms dicom, UUID caseId) {
        public static Submission of(byte[] original, ImageFormat format, ClinicalMetadata clinical, CaseReceived.Source source) {
            return new Submission(original, format, clinical, source, null, null, null, null);
        }

        public Submission withImport(UUID id) {
            return new Submission(original, format, clinical, source, id, submitter, dicom, caseId);
        }

        public Submission withSubmitter(String keyId) {
            return new Submission(original, format, clinical, source, importId, keyId, dicom, caseId);
        }

        public Submission fromPacs(DicomPseudonyms uids) {
            UUID derived = EventIds.derive("pacs", uids.sopInstanceUid());
            return new Submission(original, format, clinical, CaseReceived.Source.pacs, importId, submitter, uids, derived);
        }
    }

    /**
     * Strips, stores and announces one case. The event's {@code original.sha256} is that of the
     * stripped bytes (what is stored), and its {@code exifOrientation} is always set, 1..8 (1 when
     * the upload had none), read before the EXIF went: null stays reserved for events from before
     * de-identification, whose originals still carry their EXIF.
     *
     * @throws ImageRejectedException when the container is broken (the decoder would refuse it
     *                                too); nothing is stored then
     */
    public CaseReceived accept(Submission s) {
        StrippedImage stripped = MetadataRemoval.strip(s.original());
        if (!stripped.removed().isEmpty()) {
            LOG.debugf("de-identified an original: removed %s", stripped.removed()); // block names only, never contents
        }
        UUID caseId = s.caseId() != null ? s.caseId() : UUID.randomUUID();
        byte[] stored = stripped.bytes();
        Integer orientation = stripped.exifOrientation();
        ImageFormat format = stripped.format();
        ObjectRef originalRef = store.put(ObjectKeys.caseOriginal(caseId, format.extension()), stored, format.contentType());
        ObjectRef clinicalRef = null;
        ClinicalMetadata metadata = s.clinical();
        if (metadata != null) {
            Map<String, Object> clinical = new LinkedHashMap<>();
            clinical.put("diagnosis", metadata.diagnosis() == null ? null : metadata.diagnosis().code());
            clinical.put("ageYears", metadata.ageYears());
            clinical.put("sex", metadata.sex());
            clinical.put("localization", metadata.localization());
            clinical.put("source", metadata.source());
            clinicalRef = store.put(ObjectKeys.caseClinicalMetadata(caseId), json(clinical), "application/json");
        }
        if (s.submitter() != null || s.dicom() != null) {
            // Who to tell when the case is scored: read by the notifier, which sees only metrics.scored.
            Map<String, Object> submission = new LinkedHashMap<>();
            submission.put("submitter", s.submitter());
            submission.put("dicom", s.dicom());
            store.put(ObjectKeys.caseSubmission(caseId), json(submission), "application/json");
        }
        // A derived case id gives a derived event id, so a second sighting re-announces the same event.
        UUID eventId = s.caseId() != null
                ? EventIds.of(EventType.CASE_RECEIVED, caseId, originalRef.sha256())
                : UUID.randomUUID();
        CaseReceived event = new CaseReceived(eventId, Instant.now(), caseId, null, s.source(), originalRef,
                clinicalRef, metadata == null ? null : metadata.diagnosis(), s.importId(), orientation, s.submitter(), s.dicom());
        publisher.publish(casesReceived, event);
        return event;
    }

    private static byte[] json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
