package org.lesionsim.data.synthetic;

import java.awt.image.BufferedImage;
import org.lesionsim.imaging.mask.BinaryMask;

/**
 * One rendered synthetic dermoscopy image: the RGB picture, the lesion mask it was painted from
 * (the truth a segmentation is compared with) and the recorded ground truth.
 */
public record SyntheticLesion(BufferedImage image, BinaryMask mask, LesionGroundTruth groundTruth) {
}
