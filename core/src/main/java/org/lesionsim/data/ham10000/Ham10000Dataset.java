package org.lesionsim.data.ham10000;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lesionsim.data.CsvTable;

/**
 * HAM10000 as it is distributed: {@code HAM10000_metadata.csv} (official columns
 * {@code lesion_id,image_id,dx,dx_type,age,sex,localization}, extra columns ignored) and the
 * images {@code ISIC_&lt;7 digits&gt;.jpg} in the root, in {@code images/}, or split over
 * {@code HAM10000_images_part_1} and {@code HAM10000_images_part_2}. Out: one
 * {@link Ham10000Record} per row, in file order. Errors name the row (and the column or the image
 * file), never a patient attribute.
 */
public final class Ham10000Dataset {
    public static final String METADATA = "HAM10000_metadata.csv";
    private static final List<String> COLUMNS = List.of("lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization");
    private static final List<String> IMAGE_FOLDERS = List.of(".", "images", "HAM10000_images_part_1", "HAM10000_images_part_2");

    private final Path root;
    private final List<Ham10000Record> records;

    private Ham10000Dataset(Path root, List<Ham10000Record> records) {
        this.root = root;
        this.records = List.copyOf(records);
    }

    /** The classes the research kept: melanocytic nevus and melanoma. */
    public static final List<String> DEFAULT_CLASSES = List.of("nv", "mel");

    /** Every row, whatever its diagnosis; fails on the first malformed row or missing image. */
    public static Ham10000Dataset open(Path root) {
        return read(root, null);
    }

    /**
     * Only the rows whose {@code dx} is one of {@code classes} (case-insensitive, e.g.
     * {@link #DEFAULT_CLASSES}); rows of other classes are not checked, so a folder holding only
     * the images of the kept classes opens too.
     */
    public static Ham10000Dataset open(Path root, Collection<String> classes) {
        return read(root, classes.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    private static Ham10000Dataset read(Path root, Set<String> keep) {
        Path csv = root.resolve(METADATA);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no " + METADATA + " in " + root + " (expected HAM10000's layout)");
        }
        CsvTable table = CsvTable.read(csv);
        int[] col = new int[COLUMNS.size()];
        for (int i = 0; i < COLUMNS.size(); i++) {
            col[i] = table.column(COLUMNS.get(i), "an official HAM10000 column");
        }
        Map<String, Path> images = indexImages(root);
        Map<String, Integer> rowOfImage = new HashMap<>();
        List<Ham10000Record> records = new ArrayList<>();
        for (CsvTable.Row line : table.rows()) {
            int row = line.number();
            List<String> f = line.fields();
            String dx = f.get(col[2]).toLowerCase(Locale.ROOT);
            if (keep != null && !keep.contains(dx)) {
                continue;
            }
            for (int required : new int[] {0, 1, 2}) {
                if (f.get(col[required]).isEmpty()) {
                    throw new IllegalArgumentException(METADATA + " row " + row + ": column '" + COLUMNS.get(required) + "' is empty");
                }
            }
            String imageId = f.get(col[1]);
            Integer earlier = rowOfImage.putIfAbsent(imageId, row);
            if (earlier != null) {
                throw new IllegalArgumentException(METADATA + " row " + row + ": image_id repeats row " + earlier);
            }
            Path image = images.get(imageId);
            if (image == null) {
                throw new IllegalArgumentException(METADATA + " row " + row + ": no image file " + imageId + ".jpg (or .jpeg/.png) under "
                        + root + " (looked in " + IMAGE_FOLDERS + ")");
            }
            String age = f.get(col[4]);
            Double ageYears;
            try {
                ageYears = age.isBlank() ? null : Double.valueOf(age);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(METADATA + " row " + row + ": column 'age' is not a number");
            }
            records.add(new Ham10000Record(f.get(col[0]), imageId, dx, f.get(col[3]), ageYears, f.get(col[5]), f.get(col[6]), image));
        }
        return new Ham10000Dataset(root, records);
    }

    private static Map<String, Path> indexImages(Path root) {
        Map<String, Path> images = new HashMap<>();
        for (String folder : IMAGE_FOLDERS) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).forEach(p -> {
                    String name = p.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
                    if (ext.equals("jpg") || ext.equals("jpeg") || ext.equals("png")) {
                        images.putIfAbsent(name.substring(0, dot), p);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return images;
    }

    /** The same data set restricted to the diagnoses in {@code classes} (e.g. nv, mel). */
    public Ham10000Dataset withClasses(Collection<String> classes) {
        Set<String> keep = classes.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new Ham10000Dataset(root, records.stream().filter(r -> keep.contains(r.dx())).toList());
    }

    public List<Ham10000Record> records() {
        return records;
    }

    public Path root() {
        return root;
    }

    /** Number of images per diagnosis. */
    public Map<String, Long> countsByDiagnosis() {
        return records.stream().collect(Collectors.groupingBy(Ham10000Record::dx, java.util.TreeMap::new, Collectors.counting()));
    }
}
