package org.lesionsim.metrics.fid;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.metrics.FrechetDistance;
import org.lesionsim.metrics.GaussianStats;
import org.lesionsim.metrics.PlanarImage;

/**
 * Prints the cost of FID's parts on this machine; asserts nothing. Timing only: the weights are
 * random (same shapes and ops as the real ones), so no FID value is printed.
 * <pre>
 * java -Dai.djl.offline=true -cp ... org.lesionsim.metrics.fid.InceptionBenchmark [IMAGES] [SIDE]
 * </pre>
 * Defaults: 16 synthetic lesions of 64×64, clean bicubic resize to 299.
 */
public final class InceptionBenchmark {
    private InceptionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int side = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path weights = RandomInceptionWeights.write(Files.createTempFile("inception-timing", ".safetensors"), 1);
        List<PlanarImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(PlanarImage.fromBufferedImage(
                    LesionRenderer.render(i, i / (double) count, side, side).image()));
        }
        try (NDManager manager = NDManager.newBaseManager();
             InceptionFeatureExtractor extractor = InceptionFeatureExtractor.load(weights, FidResize.CLEAN_BICUBIC, 299, manager)) {
            extractor.features(images.subList(0, Math.min(2, count))); // warm-up
            long t0 = System.nanoTime();
            for (PlanarImage image : images) {
                FidResize.CLEAN_BICUBIC.resize(image, 299);
            }
            long t1 = System.nanoTime();
            List<float[]> features = extractor.features(images);
            long t2 = System.nanoTime();
            GaussianStats stats = GaussianStats.of(features);
            long t3 = System.nanoTime();
            FrechetDistance.between(stats, stats);
            long t4 = System.nanoTime();
            System.out.printf("resize %dx%d -> 299 (clean bicubic): %.1f ms per image%n", side, side, (t1 - t0) / 1e6 / count);
            System.out.printf("Inception-v3 pool3 at 299, batches of %d (resize included): %.1f ms per image%n",
                    InceptionFeatureExtractor.BATCH, (t2 - t1) / 1e6 / count);
            System.out.printf("Gaussian statistics of %d 2048-d vectors: %.1f s; one 2048-d Frechet distance: %.1f s%n",
                    count, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
        } finally {
            Files.deleteIfExists(weights);
        }
    }
}
