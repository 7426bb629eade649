package org.lesionsim.data.synthetic;

import java.awt.image.BufferedImage;

/**
 * One rendered synthetic dermoscopy image: the RGB picture, the lesion mask it was painted from
 * (the truth a segmentation is compared with) and the recorded ground truth.
 */
public record SyntheticLesion(BufferedImage image, LesionMask mask, LesionGroundTruth groundTruth) {
}
