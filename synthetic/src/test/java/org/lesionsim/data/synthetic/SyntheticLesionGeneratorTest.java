package org.lesionsim.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The synthetic set on disk: HAM10000's layout and columns, byte-identical for a seed, lesions with several images. */
class SyntheticLesionGeneratorTest {
    private static final SyntheticLesionGenerator.Settings SMALL = new SyntheticLesionGenerator.Settings(6, 11, 0.5, 160, 120);

    @Test
    void writesHam10000LayoutWithExactColumns(@TempDir Path dir) throws Exception {
        List<SyntheticLesionGenerator.WrittenImage> written = SyntheticLesionGenerator.writeDataset(dir, SMALL, () -> { });
        List<String> lines = Files.readAllLines(dir.resolve("HAM10000_metadata.csv"));
        assertThat(lines.get(0)).isEqualTo("lesion_id,image_id,dx,dx_type,age,sex,localization,"
                + "gt_diameter_px,gt_asymmetry,gt_border_irregularity,gt_colour_count,gt_colours,gt_progression_t,gt_area_px,gt_skin_rgb");
        assertThat(lines).hasSize(1 + 6);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(15);
            assertThat(f[0]).matches("HAM_\\d{7}");
            assertThat(f[1]).matches("ISIC_\\d{7}");
            assertThat(f[2]).isIn("nv", "mel");
            assertThat(f[4]).matches("(\\d+\\.0)?");
            assertThat(f[5]).isIn("male", "female", "unknown");
            assertThat(Integer.parseInt(f[10])).isEqualTo(f[11].split(";").length);
            Path image = dir.resolve("images").resolve(f[1] + ".jpg");
            var decoded = ImageIO.read(image.toFile());
            assertThat(decoded.getWidth()).isEqualTo(160);
            assertThat(decoded.getHeight()).isEqualTo(120);
        }
        try (var files = Files.list(dir.resolve("images"))) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(6).allMatch(n -> n.matches("ISIC_\\d{7}\\.jpg"));
        }
        // the recorded truth reads back as written
        Map<String, LesionGroundTruth> truth = SyntheticMetadataCsv.readGroundTruth(dir.resolve("HAM10000_metadata.csv"));
        for (SyntheticLesionGenerator.WrittenImage w : written) {
            LesionGroundTruth read = truth.get(w.syntheticCase().imageId());
            assertThat(read.colours()).isEqualTo(w.groundTruth().colours());
            assertThat(read.diameterPx()).isCloseTo(w.groundTruth().diameterPx(), within(0.05));
            assertThat(read.progressionT()).isCloseTo(w.groundTruth().progressionT(), within(5e-5));
            assertThat(read.skinRgb()).isEqualTo(w.groundTruth().skinRgb());
            assertThat(read.dx()).isEqualTo(w.syntheticCase().dx());
        }
    }

    @Test
    void sameSeedSameBytesAndImageKDoesNotDependOnCount(@TempDir Path a, @TempDir Path b, @TempDir Path c) throws Exception {
        SyntheticLesionGenerator.writeDataset(a, SMALL, () -> { });
        SyntheticLesionGenerator.writeDataset(b, SMALL, () -> { });
        SyntheticLesionGenerator.writeDataset(c, new SyntheticLesionGenerator.Settings(3, 11, 0.5, 160, 120), () -> { });
        assertThat(Files.readAllBytes(b.resolve("HAM10000_metadata.csv"))).isEqualTo(Files.readAllBytes(a.resolve("HAM10000_metadata.csv")));
        List<String> names;
        try (var files = Files.list(a.resolve("images"))) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String name : names) {
            assertThat(Files.readAllBytes(b.resolve("images").resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve("images").resolve(name)));
        }
        for (String name : names.subList(0, 3)) {
            assertThat(Files.readAllBytes(c.resolve("images").resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve("images").resolve(name)));
        }
        List<String> shortRows = Files.readAllLines(c.resolve("HAM10000_metadata.csv"));
        assertThat(Files.readAllLines(a.resolve("HAM10000_metadata.csv")).subList(0, 4)).isEqualTo(shortRows);
    }

    @Test
    void cohortHasRepeatedLesionsAndPlausibleMetadata() {
        List<SyntheticCase> cases = SyntheticCohort.plan(400, 3, 0.4);
        assertThat(SyntheticCohort.plan(150, 3, 0.4)).isEqualTo(cases.subList(0, 150));
        assertThat(cases.stream().map(SyntheticCase::imageId).collect(Collectors.toSet())).hasSize(400);
        Map<String, List<SyntheticCase>> byLesion = cases.stream().collect(Collectors.groupingBy(SyntheticCase::lesionId));
        assertThat(byLesion.values()).allSatisfy(images -> {
            assertThat(images.size()).isBetween(1, 3);
            // one lesion, one patient: everything but the view is shared
            assertThat(images.stream().map(i -> List.of(i.dx(), String.valueOf(i.age()), i.sex(), i.localization(), i.lesionSeed())).distinct()).hasSize(1);
            assertThat(images.stream().map(SyntheticCase::view)).doesNotHaveDuplicates();
        });
        long repeated = byLesion.values().stream().filter(images -> images.size() > 1).count();
        assertThat(repeated).isGreaterThan(byLesion.size() / 6);
        double melLesions = byLesion.values().stream().filter(images -> images.get(0).dx().equals("mel")).count() / (double) byLesion.size();
        assertThat(melLesions).isBetween(0.3, 0.5);
        assertThat(cases).allSatisfy(c -> assertThat(c.dx()).isEqualTo(c.progressionT() >= 0.5 ? "mel" : "nv"));
        assertThat(cases).allSatisfy(c -> assertThat(c.age() == null || (c.age() >= 5 && c.age() <= 85 && c.age() % 5 == 0)).isTrue());
        double meanAgeMel = cases.stream().filter(c -> c.dx().equals("mel") && c.age() != null).mapToInt(SyntheticCase::age).average().orElseThrow();
        double meanAgeNv = cases.stream().filter(c -> c.dx().equals("nv") && c.age() != null).mapToInt(SyntheticCase::age).average().orElseThrow();
        assertThat(meanAgeMel).isGreaterThan(meanAgeNv + 10);
        Set<String> sites = new HashSet<>();
        cases.forEach(c -> sites.add(c.localization()));
        assertThat(sites).contains("back", "lower extremity", "trunk").hasSizeGreaterThan(6);
    }

    @Test
    void commandLineWritesTheSet(@TempDir Path dir) throws Exception {
        int exitCode = new CommandLine(new SyntheticLesionGenerator()).execute("--out", dir.toString(), "--count", "2", "--seed", "5",
                "--mel-fraction", "1", "--width", "96", "--height", "72");
        assertThat(exitCode).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("HAM10000_metadata.csv"));
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(1, 3)).allMatch(l -> l.split(",")[2].equals("mel"));
        assertThat(ImageIO.read(dir.resolve("images").resolve(lines.get(1).split(",")[1] + ".jpg").toFile()).getWidth()).isEqualTo(96);
    }

    @Test
    void commandLineRefusesAnOutOfRangeValueAsAUsageError(@TempDir Path dir) throws Exception {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new SyntheticLesionGenerator());
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute("--out", dir.toString(), "--count", "2", "--mel-fraction", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("mel fraction must be in [0, 1], was 1.5");
        assertThat(Files.exists(dir.resolve("HAM10000_metadata.csv"))).isFalse();

        java.io.StringWriter out = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--out=DIR", "--count=N", "--seed=S", "Default: 0", "--mel-fraction=F",
                "Default: 0.4", "--width=W", "Default: 600", "--height=H", "Default: 450");
    }
}
