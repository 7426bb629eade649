package org.lesionsim.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lesionsim.dicom.DicomAcceptance.Reason;

/** Only a single colour frame of a photographic SOP class becomes a case; every other instance says why not. */
class DicomAcceptanceTest {
    private static final String VL = DicomAcceptance.VL_PHOTOGRAPHIC_IMAGE;
    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private final DicomAcceptance acceptance = DicomAcceptance.defaults();

    private Set<Reason> reasons(String json) {
        return acceptance.refusals(DicomJson.parse(json)).stream().map(DicomAcceptance.Refusal::reason)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aColourPhotographIsAccepted() {
        assertThat(acceptance.check(DicomJson.parse(DicomSamples.dermoscopy()))).isEmpty();
        for (String photometric : DicomAcceptance.COLOUR_PHOTOMETRIC) {
            assertThat(reasons(DicomSamples.instance(VL, "XC", photometric, 1, true))).as(photometric).isEmpty();
        }
        assertThat(reasons(DicomSamples.instance(DicomAcceptance.DERMOSCOPIC_PHOTOGRAPHY_IMAGE, "XC", "YBR_FULL_422", 1, true))).isEmpty();
        assertThat(reasons(DicomSamples.instance(DicomAcceptance.SECONDARY_CAPTURE_IMAGE, "OT", "RGB", 1, true))).isEmpty();
    }

    @Test
    void eachDefectHasItsReason() {
        assertThat(reasons(DicomSamples.instance(VL, "XC", "RGB", 1, false))).containsExactly(Reason.NO_PIXEL_DATA);
        assertThat(reasons(DicomSamples.instance(VL, "XC", "RGB", 2, true))).containsExactly(Reason.MULTI_FRAME);
        assertThat(reasons(DicomSamples.instance(VL, "XC", "MONOCHROME2", 1, true))).containsExactly(Reason.UNSUPPORTED_PHOTOMETRIC);
        assertThat(reasons(DicomSamples.instance(VL, "XC", "PALETTE COLOR", 1, true))).containsExactly(Reason.UNSUPPORTED_PHOTOMETRIC);
        assertThat(reasons(DicomSamples.instance(CT_IMAGE, "CT", "MONOCHROME2", 1, true)))
                .containsExactlyInAnyOrder(Reason.NOT_DERMOSCOPY, Reason.UNSUPPORTED_PHOTOMETRIC);
        // a CT screenshot is Secondary Capture too: SC is taken only from photographic modalities
        assertThat(reasons(DicomSamples.instance(DicomAcceptance.SECONDARY_CAPTURE_IMAGE, "CT", "RGB", 1, true)))
                .containsExactly(Reason.NOT_DERMOSCOPY);
        String noRows = DicomSamples.dermoscopy().replace("\"00280010\"", "\"00289990\"");
        assertThat(reasons(noRows)).containsExactly(Reason.NOT_AN_IMAGE);
        String noSopClass = DicomSamples.dermoscopy().replace("\"00080016\"", "\"00089996\"");
        assertThat(acceptance.check(DicomJson.parse(noSopClass)).orElseThrow().reason()).isEqualTo(Reason.NOT_DERMOSCOPY);
        String noUid = DicomSamples.dermoscopy().replace("\"0020000E\"", "\"00209990\"");
        assertThat(reasons(noUid)).containsExactly(Reason.MISSING_UID);
    }

    @Test
    void theAllowListIsConfigurable() {
        DicomAcceptance ctToo = new DicomAcceptance(Set.of(VL, CT_IMAGE));
        assertThat(ctToo.check(DicomJson.parse(DicomSamples.instance(CT_IMAGE, "CT", "RGB", 1, true)))).isEmpty();
        assertThat(ctToo.check(DicomJson.parse(DicomSamples.instance(DicomAcceptance.SECONDARY_CAPTURE_IMAGE, "OT", "RGB", 1, true))))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.NOT_DERMOSCOPY));
    }

    @Test
    void noDetailCarriesAnIdentifier() {
        String json = DicomSamples.instance("1.2.3.DOE^JANE", "DOE^JANE", "DOE^JANE", 3, false);
        for (DicomAcceptance.Refusal r : acceptance.refusals(DicomJson.parse(json))) {
            assertThat(r.detail()).doesNotContain("DOE").doesNotContain(DicomSamples.SOP_UID);
        }
    }
}
