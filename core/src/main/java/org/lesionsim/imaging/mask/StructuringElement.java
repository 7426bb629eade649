package org.lesionsim.imaging.mask;

/**
 * The neighbourhood a morphology operation of radius r looks at. The two callers chose differently
 * and their figures depend on it, so each names its choice.
 */
public enum StructuringElement {
    /**
     * The (2r+1)-pixel square, filtered separably (rows then columns). The synthetic generator's
     * image check cleans its masks with it.
     */
    SQUARE,
    /**
     * The disc of pixel offsets within r + 0.5 of the centre: isotropic, so an opening does not
     * cut a lesion's outline into a polygon. The ABCD segmentation uses it.
     */
    DISC
}
