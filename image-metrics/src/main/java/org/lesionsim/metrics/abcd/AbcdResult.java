package org.lesionsim.metrics.abcd;

import java.util.Optional;

/**
 * What scoring an image gives: the ABCD features of the lesion found, or the reason no lesion
 * was found (a blank frame, plain skin, a lesion filling the whole view), never numbers from noise.
 */
public sealed interface AbcdResult {

    /** The features, if a lesion was found. */
    Optional<AbcdFeatures> features();

    /** A lesion was found and measured; {@code segmentation} is the mask it was measured on. */
    record Scored(AbcdFeatures abcd, LesionSegmentation.Result segmentation) implements AbcdResult {
        @Override
        public Optional<AbcdFeatures> features() {
            return Optional.of(abcd);
        }
    }

    /** No trustworthy lesion in the image; {@code reason} says why. */
    record NoLesion(String reason) implements AbcdResult {
        @Override
        public Optional<AbcdFeatures> features() {
            return Optional.empty();
        }
    }
}
