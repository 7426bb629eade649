package org.lesionsim.tools.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.scoring.ProgressionScorer;

/**
 * Prints the scoring time per progression frame at several sizes; asserts nothing. Renders a
 * synthetic progression (LesionRenderer, seed 1, t evenly over [0, 1], α = 3t) per size into a
 * temporary folder and runs {@link ScoringReport#scoreFrames} on it without LPIPS (no official weights here).
 * <pre>
 * java -Dai.djl.offline=true -cp ... org.lesionsim.tools.metrics.ProgressionScoringBenchmark [FRAMES] [SIZE ...]
 * </pre>
 * Defaults: 21 frames, sizes 64 and 256.
 */
public final class ProgressionScoringBenchmark {
    private ProgressionScoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(64, 256);
        }
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
    }
}
