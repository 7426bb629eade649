package org.lesionsim.gan;

/** Per-pixel noise of the synthesis layers ({@code noise_mode} in {@code SynthesisLayer.forward}). */
public enum NoiseMode {
    /** Fresh Gaussian noise for every sample (training). */
    RANDOM,
    /** The layer's stored {@code noise_const} (reproducible images for inversion and editing). */
    CONST,
    /** No noise. */
    NONE
}
