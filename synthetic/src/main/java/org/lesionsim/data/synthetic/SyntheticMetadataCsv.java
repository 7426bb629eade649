package org.lesionsim.data.synthetic;

import org.lesionsim.imaging.DermoscopicColour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.lesionsim.data.CsvTable;

/**
 * {@code HAM10000_metadata.csv} for the synthetic set: HAM10000's official columns first, unchanged,
 * so any HAM10000 reader takes the file as it is, then the ground-truth columns. Numbers are
 * written with a fixed format and locale, so the same set is the same bytes everywhere.
 */
public final class SyntheticMetadataCsv {
    public static final List<String> OFFICIAL_COLUMNS = List.of("lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization");
    public static final List<String> GROUND_TRUTH_COLUMNS = List.of("gt_diameter_px", "gt_asymmetry", "gt_border_irregularity",
            "gt_colour_count", "gt_colours", "gt_progression_t", "gt_area_px", "gt_skin_rgb");

    private SyntheticMetadataCsv() {
    }

    /** The header record: official columns, then ground truth. */
    public static List<String> header() {
        return concat(OFFICIAL_COLUMNS, GROUND_TRUTH_COLUMNS);
    }

    /** One case's record, in {@link #header()}'s order; written with {@link CsvTable#text}. */
    public static List<String> row(SyntheticCase c, LesionGroundTruth g) {
        return Arrays.asList(c.lesionId(), c.imageId(), c.dx(), c.dxType(),
                c.age() == null ? "" : c.age() + ".0", // HAM10000 writes ages as 45.0
                c.sex(), c.localization(),
                String.format(Locale.ROOT, "%.1f", g.diameterPx()),
                String.format(Locale.ROOT, "%.4f", g.asymmetry()),
                String.format(Locale.ROOT, "%.4f", g.borderIrregularity()),
                Integer.toString(g.colourCount()),
                g.colours().stream().map(DermoscopicColour::csvName).collect(Collectors.joining(";")),
                String.format(Locale.ROOT, "%.4f", g.progressionT()),
                Integer.toString(g.areaPx()),
                String.format("%06x", g.skinRgb()));
    }

    /** Ground truth per {@code image_id} from a metadata file written by the generator. */
    public static Map<String, LesionGroundTruth> readGroundTruth(Path csv) {
        CsvTable table = CsvTable.read(csv);
        Map<String, Integer> col = new LinkedHashMap<>();
        for (String name : concat(List.of("image_id"), GROUND_TRUTH_COLUMNS)) {
            col.put(name, table.column(name, "written by the synthetic generator"));
        }
        Map<String, LesionGroundTruth> truth = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows()) {
            String[] f = row.fields().toArray(String[]::new);
            try {
                String colours = f[col.get("gt_colours")];
                List<DermoscopicColour> list = colours.isEmpty() ? List.of()
                        : Arrays.stream(colours.split(";")).map(DermoscopicColour::fromCsvName).toList();
                truth.put(f[col.get("image_id")], new LesionGroundTruth(
                        Double.parseDouble(f[col.get("gt_progression_t")]),
                        Double.parseDouble(f[col.get("gt_diameter_px")]),
                        Integer.parseInt(f[col.get("gt_area_px")]),
                        Double.parseDouble(f[col.get("gt_asymmetry")]),
                        Double.parseDouble(f[col.get("gt_border_irregularity")]),
                        list,
                        Integer.parseInt(f[col.get("gt_skin_rgb")], 16)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(csv.getFileName() + " row " + row.number() + ": malformed ground truth (" + e.getMessage() + ")", e);
            }
        }
        return truth;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
