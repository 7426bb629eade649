package org.lesionsim.data.ham10000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ham10000DatasetTest {

    /** A HAM10000-layout folder: 60 lesions with 1-3 images each, split over the two part folders. */
    static Path layout(Path root, boolean parts) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("lesion_id,image_id,dx,dx_type,age,sex,localization,extra_column");
        BufferedImage tiny = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        int image = 24_000;
        String[] dx = {"nv", "mel", "bkl"};
        for (int lesion = 0; lesion < 60; lesion++) {
            for (int k = 0; k <= lesion % 3; k++) {
                String imageId = "ISIC_00" + image++;
                String folder = parts ? (image % 2 == 0 ? "HAM10000_images_part_1" : "HAM10000_images_part_2") : "images";
                Files.createDirectories(root.resolve(folder));
                ImageIO.write(tiny, "jpg", root.resolve(folder).resolve(imageId + ".jpg").toFile());
                rows.add(String.format("HAM_%07d,%s,%s,histo,%s,male,back,x", lesion, imageId, dx[lesion % 3], lesion % 7 == 0 ? "" : "45.0"));
            }
        }
        Files.write(root.resolve("HAM10000_metadata.csv"), rows);
        return root;
    }

    @Test
    void readsBothLayoutsAndFiltersClasses(@TempDir Path a, @TempDir Path b) throws Exception {
        for (Path root : List.of(layout(a, true), layout(b, false))) {
            Ham10000Dataset all = Ham10000Dataset.open(root);
            assertThat(all.records()).hasSize(120);
            assertThat(all.records()).allSatisfy(r -> assertThat(r.image()).exists());
            assertThat(all.records()).anySatisfy(r -> assertThat(r.age()).isNull());
            Ham10000Dataset kept = all.withClasses(List.of("nv", "MEL"));
            assertThat(kept.countsByDiagnosis()).containsOnlyKeys("mel", "nv");
            assertThat(kept.records()).hasSize(60); // 20 nv lesions x 1 image + 20 mel lesions x 2 images
        }
    }

    @Test
    void splitByLesionNeverPutsALesionOnBothSides(@TempDir Path root) throws Exception {
        List<Ham10000Record> records = Ham10000Dataset.open(layout(root, true)).withClasses(List.of("nv", "mel")).records();
        LesionSplit split = LesionSplit.byLesion(records, 0.25, 42);
        Set<String> trainLesions = new HashSet<>();
        split.train().forEach(r -> trainLesions.add(r.lesionId()));
        assertThat(split.validation()).noneMatch(r -> trainLesions.contains(r.lesionId()));
        assertThat(split.train().size() + split.validation().size()).isEqualTo(records.size());
        assertThat(split.validation().size()).isBetween(12, 18); // ~25% of 60, in whole lesions
        assertThat(split.validation()).anyMatch(r -> r.dx().equals("mel")).anyMatch(r -> r.dx().equals("nv"));
        assertThat(LesionSplit.byLesion(records, 0.25, 42)).isEqualTo(split);
        assertThat(LesionSplit.byLesion(records, 0.25, 43)).isNotEqualTo(split);
    }

    @Test
    void errorsNameTheRowNotThePatient(@TempDir Path root) throws Exception {
        layout(root, false);
        Files.delete(root.resolve("images/ISIC_0024003.jpg"));
        assertThatThrownBy(() -> Ham10000Dataset.open(root)).hasMessageContaining("row 5").hasMessageNotContaining("male");
        Files.writeString(root.resolve("HAM10000_metadata.csv"), "image_id,dx\nISIC_1,nv\n");
        assertThatThrownBy(() -> Ham10000Dataset.open(root)).hasMessageContaining("lesion_id");
    }
}
