package org.lesionsim.dicom;

/**
 * The attribute tags lesionsim reads, as PS3.18 F.2 writes them: eight upper-case hex digits,
 * group then element ({@code "GGGGEEEE"}).
 */
public final class DicomTag {
    public static final String SOP_CLASS_UID = "00080016";
    public static final String SOP_INSTANCE_UID = "00080018";
    public static final String MODALITY = "00080060";
    public static final String ANATOMIC_REGION_SEQUENCE = "00082218";
    public static final String CODE_VALUE = "00080100";
    public static final String CODE_MEANING = "00080104";
    public static final String BODY_PART_EXAMINED = "00180015";
    public static final String STUDY_INSTANCE_UID = "0020000D";
    public static final String SERIES_INSTANCE_UID = "0020000E";
    public static final String IMAGE_LATERALITY = "00200062";
    public static final String SAMPLES_PER_PIXEL = "00280002";
    public static final String PHOTOMETRIC_INTERPRETATION = "00280004";
    public static final String NUMBER_OF_FRAMES = "00280008";
    public static final String ROWS = "00280010";
    public static final String COLUMNS = "00280011";
    public static final String BITS_ALLOCATED = "00280100";
    public static final String PIXEL_DATA = "7FE00010";
    public static final String FLOAT_PIXEL_DATA = "7FE00008";
    public static final String DOUBLE_FLOAT_PIXEL_DATA = "7FE00009";

    private DicomTag() {
    }
}
