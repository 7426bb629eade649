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
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.imaging.ImageFormat;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;

/**
 * Accepts one case: stores the original under a fresh opaque case id, keeps the clinical metadata
 * in the store beside it, and publishes {@code case received}. Upload and folder import both go
 * through here, so both give the same events.
 */
@ApplicationScoped
public class CaseIntake {

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

    public CaseReceived accept(byte[] original, ImageFormat format, ClinicalMetadata metadata,
                               CaseReceived.Source source, UUID importId) {
        UUID caseId = UUID.randomUUID();
        ObjectRef originalRef = store.put(ObjectKeys.caseOriginal(caseId, format.extension()), original, format.contentType());
        ObjectRef clinicalRef = null;
        if (metadata != null) {
            Map<String, Object> clinical = new LinkedHashMap<>();
            clinical.put("diagnosis", metadata.diagnosis() == null ? null : metadata.diagnosis().code());
            clinical.put("ageYears", metadata.ageYears());
            clinical.put("sex", metadata.sex());
            clinical.put("localization", metadata.localization());
            clinical.put("source", metadata.source());
            try {
                clinicalRef = store.put(ObjectKeys.caseClinicalMetadata(caseId),
                        EventCodec.mapper().writeValueAsBytes(clinical), "application/json");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        CaseReceived event = new CaseReceived(UUID.randomUUID(), Instant.now(), caseId, null, source, originalRef,
                clinicalRef, metadata == null ? null : metadata.diagnosis(), importId);
        publisher.publish(casesReceived, event);
        return event;
    }
}
