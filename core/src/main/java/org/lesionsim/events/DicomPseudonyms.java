package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

/**
 * The study, series and SOP instance UIDs of a case that came from a PACS, each replaced by its
 * pseudonym: {@code 2.25.} + a keyed hash (HMAC-SHA256 under the hospital's key, first 128 bits as
 * a decimal integer, PS3.5 B.2). The hospital, holding the key, recomputes the pseudonym of its own
 * UID to match a result back; lesionsim never sees or keeps the real UIDs.
 */
public record DicomPseudonyms(String studyUid, String seriesUid, String sopInstanceUid) {
    public DicomPseudonyms {
        present(studyUid, "studyUid");
        present(seriesUid, "seriesUid");
        present(sopInstanceUid, "sopInstanceUid");
    }
}
