package org.lesionsim.data.ham10000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lesionsim.data.synthetic.SyntheticLesionGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading HAM10000 as distributed, and a train/validation split that never shares a lesion. */
class Ham10000DatasetTest {
    private static final int IMAGES = 60;

    enum Layout { IMAGES_FOLDER, PARTS, ROOT }

    /**
     * A HAM10000-layout folder made by the synthetic generator (small images), with its images
     * moved to where the layout puts them, plus two rows of another class (bkl).
     */
    static Path layout(Path root, Layout layout) throws Exception {
        SyntheticLesionGenerator.writeDataset(root, new SyntheticLesionGenerator.Settings(IMAGES, 8, 0.4, 64, 48), () -> { });
        Path images = root.resolve("images");
        Path some = images.resolve("ISIC_9000000.jpg");
        Files.copy(some, images.resolve("ISIC_8000001.jpg"));
        Files.copy(some, images.resolve("ISIC_8000002.jpg"));
        Files.writeString(root.resolve("HAM10000_metadata.csv"),
                "HAM_8000001,ISIC_8000001,bkl,histo,,female,face,,,,,,,,\nHAM_8000001,ISIC_8000002,bkl,histo,,female,face,,,,,,,,\n",
                StandardOpenOption.APPEND);
        if (layout == Layout.IMAGES_FOLDER) {
            return root;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(images)) {
            files = list.sorted().toList();
        }
        for (int i = 0; i < files.size(); i++) {
            Path target = layout == Layout.ROOT ? root : root.resolve(i % 2 == 0 ? "HAM10000_images_part_1" : "HAM10000_images_part_2");
            Files.createDirectories(target);
            Files.move(files.get(i), target.resolve(files.get(i).getFileName()));
        }
        Files.delete(images);
        return root;
    }

    @Test
    void readsEveryLayoutHam10000ComesIn(@TempDir Path a, @TempDir Path b, @TempDir Path c) throws Exception {
        for (var root : List.of(layout(a, Layout.IMAGES_FOLDER), layout(b, Layout.PARTS), layout(c, Layout.ROOT))) {
            Ham10000Dataset all = Ham10000Dataset.open(root);
            assertThat(all.records()).hasSize(IMAGES + 2);
            assertThat(all.records()).allSatisfy(r -> {
                assertThat(r.image()).exists();
                assertThat(r.image().getFileName().toString()).isEqualTo(r.imageId() + ".jpg");
            });
            assertThat(all.countsByDiagnosis()).containsOnlyKeys("bkl", "mel", "nv");
        }
        assertThat(Ham10000Dataset.open(b).records()).anySatisfy(r -> assertThat(r.image().getParent().getFileName()).hasToString("HAM10000_images_part_2"));
    }

    @Test
    void keepsTheConfiguredClassesAndAllowsEmptyAge(@TempDir Path root) throws Exception {
        layout(root, Layout.PARTS);
        Ham10000Dataset kept = Ham10000Dataset.open(root, Ham10000Dataset.DEFAULT_CLASSES);
        assertThat(kept.countsByDiagnosis()).containsOnlyKeys("mel", "nv");
        assertThat(kept.records()).hasSize(IMAGES);
        assertThat(Ham10000Dataset.open(root).withClasses(List.of("NV", "mel")).records()).isEqualTo(kept.records());
        assertThat(Ham10000Dataset.open(root, List.of("bkl")).records()).hasSize(2).allSatisfy(r -> assertThat(r.age()).isNull());
        assertThat(kept.records()).allSatisfy(r -> assertThat(r.age() == null || r.age() % 5 == 0).isTrue());
        // rows of a dropped class are not looked at: their images may be missing
        Files.delete(Ham10000Dataset.open(root).records().stream().filter(r -> r.dx().equals("bkl")).findFirst().orElseThrow().image());
        assertThat(Ham10000Dataset.open(root, Ham10000Dataset.DEFAULT_CLASSES).records()).hasSize(IMAGES);
    }

    @Test
    void splitByLesionNeverPutsALesionOnBothSides(@TempDir Path root) throws Exception {
        List<Ham10000Record> records = Ham10000Dataset.open(layout(root, Layout.IMAGES_FOLDER), Ham10000Dataset.DEFAULT_CLASSES).records();
        assertThat(records.stream().collect(Collectors.groupingBy(Ham10000Record::lesionId)).values())
                .as("the data has lesions with several images, so the split is tested").anyMatch(images -> images.size() > 1);
        LesionSplit split = LesionSplit.byLesion(records, 0.25, 42);
        assertNoSharedLesion(split);
        assertThat(split.train().size() + split.validation().size()).isEqualTo(records.size());
        assertThat(split.validation().size()).isBetween(12, 19); // 25 % of 60, whole lesions of up to 3 images per class
        Map<String, Long> validationClasses = split.validation().stream().collect(Collectors.groupingBy(Ham10000Record::dx, Collectors.counting()));
        assertThat(validationClasses).containsOnlyKeys("mel", "nv");
        assertThat(LesionSplit.byLesion(records, 0.25, 42)).isEqualTo(split);
        List<Ham10000Record> shuffled = new ArrayList<>(records);
        Collections.reverse(shuffled);
        assertThat(LesionSplit.byLesion(shuffled, 0.25, 42)).as("input order does not matter").isEqualTo(split);
        assertThat(LesionSplit.byLesion(records, 0.25, 43)).isNotEqualTo(split);
        assertThat(LesionSplit.byLesion(records, 0, 1).validation()).isEmpty();
        assertThat(LesionSplit.byLesion(records, 1, 1).train()).isEmpty();
    }

    @Test
    void aLesionWithInconsistentDiagnosesStillStaysOnOneSide() {
        List<Ham10000Record> records = new ArrayList<>();
        for (int lesion = 0; lesion < 40; lesion++) {
            for (int k = 0; k < 2; k++) {
                // every lesion's two images disagree on dx, as a hand-edited CSV might
                String dx = (lesion + k) % 2 == 0 ? "nv" : "mel";
                records.add(new Ham10000Record("L" + lesion, "I" + lesion + "_" + k, dx, "histo", null, "male", "back", Path.of("x.jpg")));
            }
        }
        for (long seed = 0; seed < 5; seed++) {
            assertNoSharedLesion(LesionSplit.byLesion(records, 0.3, seed));
        }
    }

    /** Cross-validation folds: every image in exactly one fold, no lesion in two, both classes in every fold. */
    @Test
    void foldsByLesionCoverEveryImageOnceAndKeepLesionsWhole() {
        List<Ham10000Record> records = new ArrayList<>();
        for (int lesion = 0; lesion < 40; lesion++) {
            String dx = lesion % 3 == 0 ? "mel" : "nv";
            for (int k = 0; k <= lesion % 3; k++) {
                records.add(new Ham10000Record("L" + lesion, "I" + lesion + "_" + k, dx, "histo", null, "male", "back", Path.of("x.jpg")));
            }
        }
        List<List<Ham10000Record>> folds = LesionSplit.folds(records, 5, 3);
        assertThat(folds).hasSize(5);
        assertThat(folds.stream().mapToInt(List::size).sum()).isEqualTo(records.size());
        assertThat(folds.stream().flatMap(List::stream).map(Ham10000Record::imageId).distinct().count()).isEqualTo(records.size());
        Map<String, Integer> foldOfLesion = new java.util.HashMap<>();
        for (int f = 0; f < folds.size(); f++) {
            for (Ham10000Record r : folds.get(f)) {
                assertThat(foldOfLesion.putIfAbsent(r.lesionId(), f)).as(r.lesionId()).isIn(null, f);
            }
            assertThat(folds.get(f)).extracting(Ham10000Record::dx).contains("mel", "nv");
        }
        assertThat(LesionSplit.folds(records, 5, 3)).isEqualTo(folds);
        assertThatThrownBy(() -> LesionSplit.folds(records, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertNoSharedLesion(LesionSplit split) {
        Set<String> trainLesions = new HashSet<>();
        split.train().forEach(r -> trainLesions.add(r.lesionId()));
        assertThat(split.validation()).noneMatch(r -> trainLesions.contains(r.lesionId()));
    }

    @Test
    void aMissingImageNamesTheRowNotThePatient(@TempDir Path root) throws Exception {
        layout(root, Layout.IMAGES_FOLDER);
        List<String> lines = Files.readAllLines(root.resolve("HAM10000_metadata.csv"));
        String[] row5 = lines.get(4).split(",");
        Files.delete(root.resolve("images").resolve(row5[1] + ".jpg"));
        assertThatThrownBy(() -> Ham10000Dataset.open(root))
                .hasMessageContaining("row 5")
                .hasMessageContaining(row5[1] + ".jpg")
                .hasMessageNotContaining(row5[6]) // localization
                .hasMessageNotContaining("male");
    }

    @Test
    void malformedRowsAreNamed(@TempDir Path root) throws Exception {
        layout(root, Layout.IMAGES_FOLDER);
        Path csv = root.resolve("HAM10000_metadata.csv");
        List<String> original = Files.readAllLines(csv);

        List<String> badAge = new ArrayList<>(original);
        badAge.set(3, badAge.get(3).replaceFirst(",(\\d+\\.0)?,(male|female|unknown),", ",forty,$2,"));
        Files.write(csv, badAge);
        assertThatThrownBy(() -> Ham10000Dataset.open(root)).hasMessageContaining("row 4").hasMessageContaining("'age'")
                .hasMessageNotContaining("forty");

        List<String> duplicate = new ArrayList<>(original);
        duplicate.add(original.get(2));
        Files.write(csv, duplicate);
        assertThatThrownBy(() -> Ham10000Dataset.open(root)).hasMessageContaining("row " + duplicate.size()).hasMessageContaining("repeats row 3");

        List<String> short_ = new ArrayList<>(original);
        short_.set(6, "HAM_1,ISIC_1,nv");
        Files.write(csv, short_);
        assertThatThrownBy(() -> Ham10000Dataset.open(root)).hasMessageContaining("row 7").hasMessageContaining("fields");

        Files.writeString(csv, "image_id,dx\nISIC_1,nv\n");
        assertThatThrownBy(() -> Ham10000Dataset.open(root)).hasMessageContaining("lesion_id");
        Files.delete(csv);
        assertThatThrownBy(() -> Ham10000Dataset.open(root)).hasMessageContaining("HAM10000_metadata.csv");
    }
}
