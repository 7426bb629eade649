/**
 * Dermoscopic ABCD features (Stolz's ABCD rule) measured from an image: lesion segmentation in
 * flat-field corrected CIELAB ({@link org.lesionsim.metrics.abcd.LesionSegmentation}), asymmetry
 * about the principal axes, border (abrupt-edge sectors, compactness), the six dermoscopic colours
 * matched in CIELAB, greatest diameter, and the total dermoscopy score with a diameter-based D
 * ({@link org.lesionsim.metrics.abcd.AbcdFeatures}). Entry point:
 * {@link org.lesionsim.metrics.abcd.DermoscopicScorer#score}. Benchmark against synthetic ground
 * truth and real images: {@link org.lesionsim.tools.metrics.AbcdValidation}.
 */
package org.lesionsim.metrics.abcd;
