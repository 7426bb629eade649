package org.lesionsim.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.DicomPseudonyms;
import org.lesionsim.events.EventCodec;

/** The allow-list keeps what the pipeline needs and nothing that identifies a patient, a clinician or a site. */
class ConfidentialityProfileTest {
    private final UidPseudonym pseudonym = UidPseudonym.fromSecret("hospital-key-0123456789");
    private final ConfidentialityProfile profile = new ConfidentialityProfile(pseudonym);

    @Test
    void noPlantedIdentifierSurvives() throws Exception {
        DeidentifiedInstance out = profile.apply(DicomJson.parse(DicomSamples.dermoscopy()));
        String everything = EventCodec.mapper().writeValueAsString(out);
        for (String planted : DicomSamples.PLANTED) {
            assertThat(everything).as("planted %s", planted).doesNotContain(planted);
        }
        assertThat(out.kept()).doesNotContainKeys("00100010", "00100020", "00100030", "00080050", "00080080",
                "00080090", "00081030", "00181000", "00291010", "00321032", "00080020");
    }

    @Test
    void keepsOnlyTheAllowListAndPseudonymisesTheUids() {
        DeidentifiedInstance out = profile.apply(DicomJson.parse(DicomSamples.dermoscopy()));
        assertThat(out.kept()).isEqualTo(Map.ofEntries(
                Map.entry("00080016", "1.2.840.10008.5.1.4.1.1.77.1.4"),
                Map.entry("00080060", "XC"),
                Map.entry("00180015", "ARM"),
                Map.entry("00200062", "L"),
                Map.entry("00280002", "3"),
                Map.entry("00280004", "RGB"),
                Map.entry("00280008", "1"),
                Map.entry("00280010", "480"),
                Map.entry("00280011", "640"),
                Map.entry("00280100", "8"),
                Map.entry("00082218.00080100", "368208006"),
                Map.entry("00082218.00080104", "Left upper arm")));
        assertThat(out.uids()).isEqualTo(new DicomPseudonyms(pseudonym.of(DicomSamples.STUDY_UID),
                pseudonym.of(DicomSamples.SERIES_UID), pseudonym.of(DicomSamples.SOP_UID)));
        assertThat(out.localization()).contains("Left upper arm");
    }

    @Test
    void aValueThatIsNotOfItsVrIsDroppedNotKept() {
        // a site that types a name into a code string field: the field is dropped, not passed on
        String json = DicomSamples.dermoscopy().replace("\"ARM\"", "\"Doe, Jane (arm)\"").replace("\"L\"", "\"jane\"");
        DeidentifiedInstance out = profile.apply(DicomJson.parse(json));
        assertThat(out.kept()).doesNotContainKeys("00180015", "00200062");
        assertThat(out.kept().values()).noneMatch(v -> v.toLowerCase().contains("jane"));
    }

    @Test
    void withoutUidsThereIsNothingToPseudonymise() {
        String json = DicomSamples.dermoscopy().replace("\"00080018\"", "\"00089999\"");
        assertThatThrownBy(() -> profile.apply(DicomJson.parse(json))).hasMessageContaining("SOP Instance UID")
                .hasMessageNotContaining(DicomSamples.SOP_UID);
    }
}
