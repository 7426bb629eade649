package org.lesionsim.metrics.fid;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.List;
import org.lesionsim.metrics.FrechetDistance;
import org.lesionsim.metrics.GaussianStats;
import org.lesionsim.metrics.KernelInceptionDistance;
import org.lesionsim.metrics.PlanarImage;

/**
 * The FID/KID entry point: given a {@link FidConfiguration}, answers two image sets (RGB, [0, 1], any
 * size) with a {@link FidResult} — {@code Measured} on the verified Inception weights, or
 * {@code NotConfigured} with the reason. A configured file whose SHA-256, tensor names or shapes are
 * wrong is an error at {@link #open}, never a silent "not configured" and never a number from other
 * weights. FID uses {@link GaussianStats} + {@link FrechetDistance}; KID uses
 * {@link KernelInceptionDistance} with the reference's subsets (100 of at most 1000) and a fixed seed.
 */
public final class FidScorer implements AutoCloseable {
    static final long KID_SEED = 0;

    private final InceptionFeatureExtractor extractor;
    private final String notConfiguredReason;

    private FidScorer(InceptionFeatureExtractor extractor, String notConfiguredReason) {
        this.extractor = extractor;
        this.notConfiguredReason = notConfiguredReason;
    }

    /** FID proper: clean-fid's bicubic resize to 299. */
    public static FidScorer open(FidConfiguration configuration, NDManager parent) throws IOException {
        return open(configuration, FidResize.CLEAN_BICUBIC, InceptionFeatureExtractor.FID_INPUT_SIZE, parent);
    }

    /**
     * @throws IllegalArgumentException when the file's SHA-256 differs from the configured one, or a
     *                                  tensor is missing or misshapen (the message names it)
     */
    public static FidScorer open(FidConfiguration configuration, FidResize resize, int inputSize, NDManager parent) throws IOException {
        if (configuration instanceof FidConfiguration.Configured c) {
            String actual = InceptionWeightFile.sha256(c.weights());
            if (!actual.equals(c.sha256())) {
                throw new IllegalArgumentException("FID Inception weight file " + c.weights() + " has SHA-256 " + actual
                        + ", expected " + c.sha256() + "; rewrite it with " + FidConfiguration.EXPORT_COMMAND);
            }
            return new FidScorer(InceptionFeatureExtractor.load(c.weights(), resize, inputSize, parent), null);
        }
        return new FidScorer(null, ((FidConfiguration.NotConfigured) configuration).reason());
    }

    /** FID and KID of {@code generated} against {@code real}; each set needs at least 2 images. */
    public FidResult score(List<PlanarImage> real, List<PlanarImage> generated) {
        if (extractor == null) {
            return new FidResult.NotConfigured(notConfiguredReason);
        }
        if (real.size() < 2 || generated.size() < 2) {
            throw new IllegalArgumentException("FID needs at least 2 images per set, got " + real.size() + " and " + generated.size());
        }
        List<float[]> realFeatures = extractor.features(real);
        List<float[]> generatedFeatures = extractor.features(generated);
        FrechetDistance.Result fid = FrechetDistance.between(GaussianStats.of(realFeatures), GaussianStats.of(generatedFeatures));
        KernelInceptionDistance.Result kid = KernelInceptionDistance.withDefaults(KID_SEED).between(realFeatures, generatedFeatures);
        return new FidResult.Measured(fid, kid, real.size(), generated.size(), extractor.resize(), extractor.inputSize());
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
        }
    }
}
