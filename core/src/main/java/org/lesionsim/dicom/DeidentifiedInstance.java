package org.lesionsim.dicom;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.lesionsim.events.DicomPseudonyms;

/**
 * What is left of a DICOM instance after {@link ConfidentialityProfile}: its UIDs as pseudonyms and
 * the few attributes the pipeline needs, keyed by tag ({@code "GGGGEEEE"}; an item of the Anatomic
 * Region Sequence as {@code "00082218.00080100"} for its code value and {@code "00082218.00080104"}
 * for its code meaning).
 */
public record DeidentifiedInstance(DicomPseudonyms uids, Map<String, String> kept) {
    public static final String ANATOMIC_REGION_CODE = DicomTag.ANATOMIC_REGION_SEQUENCE + "." + DicomTag.CODE_VALUE;
    public static final String ANATOMIC_REGION_MEANING = DicomTag.ANATOMIC_REGION_SEQUENCE + "." + DicomTag.CODE_MEANING;

    public DeidentifiedInstance {
        Objects.requireNonNull(uids, "uids");
        kept = Collections.unmodifiableMap(new TreeMap<>(kept));
    }

    /**
     * Where on the body, in words: the Anatomic Region code meaning when there is one, else Body
     * Part Examined (lower case, as the clinical metadata of uploads has it).
     */
    public Optional<String> localization() {
        String region = kept.get(ANATOMIC_REGION_MEANING);
        if (region != null) {
            return Optional.of(region);
        }
        return Optional.ofNullable(kept.get(DicomTag.BODY_PART_EXAMINED)).map(s -> s.toLowerCase(Locale.ROOT));
    }
}
