package org.lesionsim.metrics.fid;

import org.lesionsim.metrics.FrechetDistance;
import org.lesionsim.metrics.KernelInceptionDistance;

/**
 * What an FID request gives back: FID and KID measured on the FID Inception weights, or the plain
 * reason they were not measured. "Not configured" is not a number, so it can never be shown as one.
 */
public sealed interface FidResult {

    /**
     * @param fid             Fréchet distance of the two sets' pool3 Gaussians (its {@code distance()} is FID)
     * @param kid             KID mean and std over subsets
     * @param realCount       images in the reference set
     * @param generatedCount  images in the other set
     * @param resize          how images were brought to the input size
     * @param inputSize       the network's input side (299 for FID proper)
     */
    record Measured(FrechetDistance.Result fid, KernelInceptionDistance.Result kid, int realCount, int generatedCount,
                    FidResize resize, int inputSize) implements FidResult {
    }

    /** FID could not be measured; {@code reason} says why and how to set it up. */
    record NotConfigured(String reason) implements FidResult {
    }
}
