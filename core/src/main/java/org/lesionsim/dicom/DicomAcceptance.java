package org.lesionsim.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lesionsim.events.ReasonCode;

/**
 * Decides, from an instance's DICOM JSON metadata alone, whether it can become a case: a single
 * colour frame of a photographic SOP class, with pixel data the PACS can render. Each refusal has a
 * stable {@link Reason} (the dead letter's {@code reasonCode}) and a detail that names only
 * attribute values that identify nobody (a SOP class, a modality, a photometric interpretation, a
 * frame count).
 *
 * <p>Photometric interpretations accepted: {@code RGB}, {@code YBR_FULL}, {@code YBR_FULL_422},
 * {@code YBR_ICT}, {@code YBR_RCT} (colour; the PACS renders each to RGB). {@code MONOCHROME1},
 * {@code MONOCHROME2} and {@code PALETTE COLOR} are refused: dermoscopy is colour, the generator
 * and encoder are trained on colour images, and a grey frame replicated into three channels would
 * be an input unlike anything they saw, whose simulated progression means nothing.
 */
public final class DicomAcceptance {
    /** Why an instance does not become a case. Renaming one is a schema change. */
    public enum Reason implements ReasonCode {
        /** No Study, Series or SOP Instance UID: nothing to pseudonymise or to match a result back to. */
        MISSING_UID,
        /** The SOP class is not on the allow-list (or is Secondary Capture of a non-photographic modality). */
        NOT_DERMOSCOPY,
        /** No Rows, Columns or Samples per Pixel: a structured report, a presentation state, a document. */
        NOT_AN_IMAGE,
        /** No Pixel Data (7FE00010) bulk data: float pixel data, or metadata only. */
        NO_PIXEL_DATA,
        /** More than one frame: a video or a multi-frame capture, not one dermoscopy image. */
        MULTI_FRAME,
        /** A photometric interpretation that is not colour. */
        UNSUPPORTED_PHOTOMETRIC
    }

    /** One refusal: a reason and what the instance had instead. */
    public record Refusal(Reason reason, String detail) {
    }

    public static final String VL_PHOTOGRAPHIC_IMAGE = "1.2.840.10008.5.1.4.1.1.77.1.4";
    public static final String DERMOSCOPIC_PHOTOGRAPHY_IMAGE = "1.2.840.10008.5.1.4.1.1.77.1.7";
    public static final String SECONDARY_CAPTURE_IMAGE = "1.2.840.10008.5.1.4.1.1.7";
    public static final Set<String> DEFAULT_SOP_CLASSES = Set.of(VL_PHOTOGRAPHIC_IMAGE, DERMOSCOPIC_PHOTOGRAPHY_IMAGE, SECONDARY_CAPTURE_IMAGE);
    /** Secondary Capture is any device's screenshot; it is taken only from these photographic modalities. */
    public static final Set<String> SECONDARY_CAPTURE_MODALITIES = Set.of("XC", "OT");
    public static final Set<String> COLOUR_PHOTOMETRIC = Set.of("RGB", "YBR_FULL", "YBR_FULL_422", "YBR_ICT", "YBR_RCT");

    private final Set<String> sopClasses;

    /** @param sopClasses the SOP Class UIDs accepted (Secondary Capture, when listed, only from XC or OT) */
    public DicomAcceptance(Set<String> sopClasses) {
        if (sopClasses == null || sopClasses.isEmpty()) {
            throw new IllegalArgumentException("at least one SOP class must be accepted");
        }
        this.sopClasses = Set.copyOf(sopClasses);
    }

    public static DicomAcceptance defaults() {
        return new DicomAcceptance(DEFAULT_SOP_CLASSES);
    }

    /** The first refusal, or empty when the instance can become a case. */
    public Optional<Refusal> check(DicomJson instance) {
        List<Refusal> all = refusals(instance);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every refusal, in the order of {@link Reason}; empty when the instance can become a case. */
    public List<Refusal> refusals(DicomJson instance) {
        List<Refusal> refusals = new ArrayList<>();
        if (!ConfidentialityProfile.hasUids(instance)) {
            refusals.add(new Refusal(Reason.MISSING_UID, "a Study, Series or SOP Instance UID is missing"));
        }
        String modality = instance.string(DicomTag.MODALITY).orElse("none");
        Optional<String> sopClass = instance.string(DicomTag.SOP_CLASS_UID);
        if (sopClass.isEmpty()) {
            refusals.add(new Refusal(Reason.NOT_DERMOSCOPY, "no SOP Class UID"));
        } else if (!sopClasses.contains(sopClass.get())) {
            refusals.add(new Refusal(Reason.NOT_DERMOSCOPY, "SOP class " + safe(sopClass.get()) + " is not a photographic image class we accept"));
        } else if (SECONDARY_CAPTURE_IMAGE.equals(sopClass.get()) && !SECONDARY_CAPTURE_MODALITIES.contains(modality)) {
            refusals.add(new Refusal(Reason.NOT_DERMOSCOPY, "Secondary Capture of modality " + safe(modality)
                    + " (taken only from " + String.join("/", new TreeSet<>(SECONDARY_CAPTURE_MODALITIES)) + ")"));
        }
        long rows = instance.integer(DicomTag.ROWS).orElse(0L);
        long columns = instance.integer(DicomTag.COLUMNS).orElse(0L);
        if (rows <= 0 || columns <= 0 || instance.integer(DicomTag.SAMPLES_PER_PIXEL).isEmpty()) {
            refusals.add(new Refusal(Reason.NOT_AN_IMAGE, "no Rows, Columns or Samples per Pixel"));
        }
        if (!instance.hasBulkData(DicomTag.PIXEL_DATA)) {
            refusals.add(new Refusal(Reason.NO_PIXEL_DATA, instance.has(DicomTag.FLOAT_PIXEL_DATA) || instance.has(DicomTag.DOUBLE_FLOAT_PIXEL_DATA)
                    ? "float pixel data only" : "no Pixel Data (7FE00010)"));
        }
        long frames = instance.integer(DicomTag.NUMBER_OF_FRAMES).orElse(1L);
        if (frames != 1) {
            refusals.add(new Refusal(Reason.MULTI_FRAME, frames + " frames (one image per case)"));
        }
        String photometric = instance.string(DicomTag.PHOTOMETRIC_INTERPRETATION).orElse("none");
        if (!COLOUR_PHOTOMETRIC.contains(photometric)) {
            refusals.add(new Refusal(Reason.UNSUPPORTED_PHOTOMETRIC, "photometric interpretation " + safe(photometric)
                    + " (colour only: " + String.join(", ", new TreeSet<>(COLOUR_PHOTOMETRIC)) + ")"));
        }
        return List.copyOf(refusals);
    }

    /** A code or UID as it may appear in a detail; anything else (free text could name someone) is not shown. */
    private static String safe(String value) {
        return value.matches("[A-Z0-9._ -]{1,64}") ? value : "(not a code)";
    }
}
