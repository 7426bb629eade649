package org.lesionsim.metrics.lpips;

/**
 * What a perceptual-distance request gives back: either a measured LPIPS value or the plain reason
 * it was not measured. It is not a number, so "not configured" can never be shown as one.
 */
public sealed interface PerceptualScore {

    /** An LPIPS distance from the official weights (0 = identical; larger = more different). */
    record Measured(double value) implements PerceptualScore {
    }

    /** LPIPS could not be measured; {@code reason} says why and how to set it up. */
    record NotConfigured(String reason) implements PerceptualScore {
    }
}
