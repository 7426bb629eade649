package org.lesionsim.dicom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lesionsim.events.DicomPseudonyms;

/**
 * De-identifies a DICOM instance by the Basic Application Level Confidentiality Profile of PS3.15
 * Annex E, applied as an <em>allow-list</em>: instead of removing the attributes Table E.1-1 names
 * (and then worrying about every private tag and free-text field it does not), only the attributes
 * the pipeline needs are kept and everything else is dropped — names, IDs, dates, times,
 * descriptions, comments, institution and physician attributes, device serial numbers, private
 * attributes, and every sequence not listed below.
 *
 * <p>Kept, each only when its value has the form of its VR (a code string that is not a code
 * string is dropped too): Modality, SOP Class UID, Body Part Examined, Image Laterality,
 * Photometric Interpretation, Rows, Columns, Samples per Pixel, Number of Frames, Bits Allocated,
 * and of the first Anatomic Region Sequence item its Code Value and Code Meaning only. Study,
 * Series and SOP Instance UIDs are replaced by {@link UidPseudonym pseudonyms} (Annex E action
 * {@code U}, consistently within and across instances for one key).
 *
 * <p>Annex E options: only the Basic Profile applies. <em>Retain Device Identity</em> is not
 * applied (device serials and station names are dropped), nor any other Retain option (dates,
 * UIDs, patient characteristics, institution identity). <em>Clean Descriptors</em> and <em>Clean
 * Structured Content</em> are not needed, because no descriptor, comment or structured content is
 * kept at all; <em>Clean Pixel Data</em> is not applied here: burned-in annotation is a property of
 * the pixels, which this class never sees.
 */
public final class ConfidentialityProfile {
    /** A code string: upper-case letters, digits, space and underscore, at most 16 characters (PS3.5 6.2). */
    private static final Pattern CODE_STRING = Pattern.compile("[A-Z0-9 _]{1,16}");
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    private static final Pattern CODE_VALUE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_LONG_STRING = 64;

    private static final List<String> CODE_STRINGS = List.of(
            DicomTag.MODALITY, DicomTag.BODY_PART_EXAMINED, DicomTag.IMAGE_LATERALITY, DicomTag.PHOTOMETRIC_INTERPRETATION);
    private static final List<String> INTEGERS = List.of(
            DicomTag.ROWS, DicomTag.COLUMNS, DicomTag.SAMPLES_PER_PIXEL, DicomTag.NUMBER_OF_FRAMES, DicomTag.BITS_ALLOCATED);

    private final UidPseudonym pseudonym;

    public ConfidentialityProfile(UidPseudonym pseudonym) {
        this.pseudonym = pseudonym;
    }

    /**
     * The de-identified form of {@code instance}.
     *
     * @throws IllegalArgumentException when a Study, Series or SOP Instance UID is missing (there
     *                                  is nothing to pseudonymise, and nothing to match a result back to)
     */
    public DeidentifiedInstance apply(DicomJson instance) {
        DicomPseudonyms uids = new DicomPseudonyms(
                pseudonym.of(required(instance, DicomTag.STUDY_INSTANCE_UID, "Study Instance UID")),
                pseudonym.of(required(instance, DicomTag.SERIES_INSTANCE_UID, "Series Instance UID")),
                pseudonym.of(required(instance, DicomTag.SOP_INSTANCE_UID, "SOP Instance UID")));
        Map<String, String> kept = new LinkedHashMap<>();
        instance.string(DicomTag.SOP_CLASS_UID).filter(v -> v.length() <= 64 && UID.matcher(v).matches())
                .ifPresent(v -> kept.put(DicomTag.SOP_CLASS_UID, v));
        for (String tag : CODE_STRINGS) {
            instance.string(tag).filter(v -> CODE_STRING.matcher(v).matches()).ifPresent(v -> kept.put(tag, v));
        }
        for (String tag : INTEGERS) {
            instance.integer(tag).filter(v -> v >= 0).ifPresent(v -> kept.put(tag, Long.toString(v)));
        }
        List<DicomJson> regions = instance.sequence(DicomTag.ANATOMIC_REGION_SEQUENCE);
        if (!regions.isEmpty()) {
            DicomJson region = regions.get(0);
            region.string(DicomTag.CODE_VALUE).filter(v -> CODE_VALUE.matcher(v).matches())
                    .ifPresent(v -> kept.put(DeidentifiedInstance.ANATOMIC_REGION_CODE, v));
            region.string(DicomTag.CODE_MEANING).filter(v -> v.length() <= MAX_LONG_STRING)
                    .ifPresent(v -> kept.put(DeidentifiedInstance.ANATOMIC_REGION_MEANING, v));
        }
        return new DeidentifiedInstance(uids, kept);
    }

    /** Whether {@code instance} has all three UIDs this profile replaces. */
    public static boolean hasUids(DicomJson instance) {
        return instance.string(DicomTag.STUDY_INSTANCE_UID).isPresent()
                && instance.string(DicomTag.SERIES_INSTANCE_UID).isPresent()
                && instance.string(DicomTag.SOP_INSTANCE_UID).isPresent();
    }

    private static String required(DicomJson instance, String tag, String name) {
        Optional<String> value = instance.string(tag);
        return value.orElseThrow(() -> new IllegalArgumentException("no " + name + " (" + tag + ") to pseudonymise"));
    }
}
