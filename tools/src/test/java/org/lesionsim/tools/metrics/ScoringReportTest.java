package org.lesionsim.tools.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.scoring.ProgressionScorer;
import org.lesionsim.scoring.ProgressionScores;

/** The report's files: one CSV row per input under a header, and plots that decode at their size. */
class ScoringReportTest {

    @Test
    void aProgressionFolderGivesOneRowPerFrameAndTwoPlots(@TempDir Path dir) throws Exception {
        Path frames = Files.createDirectory(dir.resolve("frames"));
        for (int k = 0; k < 5; k++) {
            ImageIO.write(LesionRenderer.render(5, k / 4.0, 64, 64).image(), "png", frames.resolve("frame-" + k + ".png").toFile());
        }
        Files.writeString(frames.resolve("alphas.json"), "{\"alphas\": [0, 0.75, 1.5, 2.25, 3]}");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ProgressionScores scores = ScoringReport.scoreFrames(frames, out, ProgressionScorer.withoutLpips(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertThat(csv).hasSize(1 + 5);
        assertThat(csv.get(0)).startsWith("frame,alpha,file,lpips,ms_ssim,ssim,pixel_l2,").endsWith(",tds,p_mel,realism_distance,skin_delta_e,no_lesion_reason");
        assertThat(csv.get(3)).startsWith("2,1.5,frame-2.png,,");
        assertThat(scores.frames().get(4).alpha()).isEqualTo(3.0);
        assertThat(Files.readString(out.resolve("progression.json"))).contains("\"spearmanWithAlpha\"");
        for (String plot : List.of("similarity.png", "abcd.png")) {
            BufferedImage image = ImageIO.read(out.resolve(plot).toFile());
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(500);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("scoring time per frame").contains("monotone");
    }

    @Test
    void anImageFolderWithHamMetadataGivesOneRowPerImageAndTheAuc(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("ham/HAM10000_images_part_1"));
        StringBuilder metadata = new StringBuilder("lesion_id,image_id,dx\n");
        for (int i = 0; i < 6; i++) {
            boolean melanoma = i % 2 == 1;
            String id = String.format("ISIC_%07d", i);
            ImageIO.write(LesionRenderer.render(20 + i, melanoma ? 0.9 : 0.1, 96, 72).image(), "png",
                    images.resolve(id + ".png").toFile());
            metadata.append("HAM_").append(i).append(',').append(id).append(',').append(melanoma ? "mel" : "nv").append('\n');
        }
        Path root = dir.resolve("ham");
        Files.writeString(root.resolve(ScoringReport.METADATA), metadata);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int scored = ScoringReport.scoreImages(root, out, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(scored).isEqualTo(6);
        List<String> csv = Files.readAllLines(out.resolve("scores.csv"));
        assertThat(csv).hasSize(1 + 6);
        assertThat(csv.get(0)).isEqualTo("image,dx,width,height,A,asymmetry_index,B,compactness,C,D,feret_px,tds,no_lesion_reason");
        assertThat(csv.get(2)).contains(",mel,96,72,");
        BufferedImage plot = ImageIO.read(out.resolve("abcd.png").toFile());
        assertThat(plot.getWidth()).isEqualTo(800);
        assertThat(plot.getHeight()).isEqualTo(500);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("scoring time per image").contains("AUC of TDS, mel vs nv");
    }
}
