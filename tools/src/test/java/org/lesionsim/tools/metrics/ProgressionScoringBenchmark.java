package org.lesionsim.tools.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.scoring.ProgressionScorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints the scoring time per progression frame at several sizes; asserts nothing. Renders a
 * synthetic progression (LesionRenderer, seed 1, t evenly over [0, 1], α = 3t) per size into a
 * temporary folder and runs {@link ScoringReport#scoreFrames} on it without LPIPS (no official weights here).
 * <pre>
 * java -Dai.djl.offline=true -cp ... org.lesionsim.tools.metrics.ProgressionScoringBenchmark [FRAMES] [SIZE ...]
 * </pre>
 * Defaults: 21 frames, sizes 64 and 256.
 */
@Command(name = "ProgressionScoringBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Scoring time per progression frame at several sizes (synthetic progression, no LPIPS).")
public final class ProgressionScoringBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FRAMES")
    private int frames = 21;
    @Parameters(index = "1..*", paramLabel = "SIZE")
    private List<Integer> sizes = List.of(64, 256);

    public static void main(String[] args) {
        int exitCode = new CommandLine(new ProgressionScoringBenchmark()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode); // only on failure: a command that finished returns, as main always did
        }
    }

    @Override
    public Integer call() throws Exception {
        Path root = Files.createTempDirectory("progression-bench");
        for (int side : sizes) {
            Path folder = Files.createDirectories(root.resolve(side + "/frames"));
            StringBuilder alphas = new StringBuilder("[");
            for (int k = 0; k < frames; k++) {
                double t = k / (frames - 1.0);
                ImageIO.write(LesionRenderer.render(1, t, side, side).image(), "png", folder.resolve("frame-" + k + ".png").toFile());
                alphas.append(k == 0 ? "" : ",").append(3 * t);
            }
            Files.writeString(folder.resolve("alphas.json"), alphas.append("]").toString());
            Path out = Files.createDirectories(root.resolve(side + "/out"));
            System.out.println("== " + side + "x" + side);
            ScoringReport.scoreFrames(folder, out, ProgressionScorer.withoutLpips(), System.out);
        }
        System.out.println("outputs under " + root);
        return 0;
    }
}
