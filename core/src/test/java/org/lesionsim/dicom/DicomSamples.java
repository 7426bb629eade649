package org.lesionsim.dicom;

/**
 * DICOM JSON written by hand the way a PACS answers WADO-RS {@code /metadata}, with identifiers
 * planted in every place a de-identifier must look: patient, study and institution attributes, a
 * private tag, and a name inside a nested sequence.
 */
final class DicomSamples {
    static final String STUDY_UID = "1.2.826.0.1.3680043.8.498.1001";
    static final String SERIES_UID = "1.2.826.0.1.3680043.8.498.1002";
    static final String SOP_UID = "1.2.826.0.1.3680043.8.498.1003";
    /** Every identifier planted in {@link #dermoscopy}; none may survive de-identification. */
    static final String[] PLANTED = {"DOE^JANE", "MRN-778899", "19581224", "ACC-20261206-7", "St Example Hospital",
            "HOUSE^GREGORY", "SECRET-PRIVATE", "NURSE^RATCHED", "SN-4455", "20261206", "Left arm, mole since childhood",
            STUDY_UID, SERIES_UID, SOP_UID};

    private DicomSamples() {
    }

    static String dermoscopy() {
        return instance("1.2.840.10008.5.1.4.1.1.77.1.4", "XC", "RGB", 1, true);
    }

    static String instance(String sopClass, String modality, String photometric, int frames, boolean pixelData) {
        return """
                [{
                  "00080016": {"vr": "UI", "Value": ["%s"]},
                  "00080018": {"vr": "UI", "Value": ["%s"]},
                  "00080020": {"vr": "DA", "Value": ["20261206"]},
                  "00080050": {"vr": "SH", "Value": ["ACC-20261206-7"]},
                  "00080060": {"vr": "CS", "Value": ["%s"]},
                  "00080080": {"vr": "LO", "Value": ["St Example Hospital"]},
                  "00080090": {"vr": "PN", "Value": [{"Alphabetic": "HOUSE^GREGORY"}]},
                  "00081030": {"vr": "LO", "Value": ["Left arm, mole since childhood"]},
                  "00082218": {"vr": "SQ", "Value": [{
                      "00080100": {"vr": "SH", "Value": ["368208006"]},
                      "00080102": {"vr": "SH", "Value": ["SCT"]},
                      "00080104": {"vr": "LO", "Value": ["Left upper arm"]},
                      "00400555": {"vr": "SQ", "Value": [{"0040A123": {"vr": "PN", "Value": [{"Alphabetic": "NURSE^RATCHED"}]}}]}
                  }]},
                  "00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE"}]},
                  "00100020": {"vr": "LO", "Value": ["MRN-778899"]},
                  "00100030": {"vr": "DA", "Value": ["19581224"]},
                  "00180015": {"vr": "CS", "Value": ["ARM"]},
                  "00181000": {"vr": "LO", "Value": ["SN-4455"]},
                  "0020000d": {"vr": "UI", "Value": ["%s"]},
                  "0020000E": {"vr": "UI", "Value": ["%s"]},
                  "00200062": {"vr": "CS", "Value": ["L"]},
                  "00280002": {"vr": "US", "Value": [%d]},
                  "00280004": {"vr": "CS", "Value": ["%s"]},
                  "00280008": {"vr": "IS", "Value": ["%d"]},
                  "00280010": {"vr": "US", "Value": [480]},
                  "00280011": {"vr": "US", "Value": [640]},
                  "00280100": {"vr": "US", "Value": [8]},
                  "00291010": {"vr": "LO", "Value": ["SECRET-PRIVATE"]},
                  "00321032": {"vr": "PN", "Value": [{"Alphabetic": "HOUSE^GREGORY"}]}%s
                }]
                """.formatted(sopClass, SOP_UID, modality, STUDY_UID, SERIES_UID, photometric.startsWith("MONO") ? 1 : 3,
                photometric, frames, pixelData
                        ? ",\n  \"7FE00010\": {\"vr\": \"OB\", \"BulkDataURI\": \"http://pacs/dicom-web/studies/x/bulk/7fe00010\"}" : "");
    }
}
