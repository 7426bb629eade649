package org.lesionsim.data.synthetic;

/**
 * One image of the synthetic data set before it is rendered: HAM10000's metadata fields (made up,
 * plausible) plus what the renderer needs to draw it.
 *
 * @param age         years, or null where the metadata leaves it empty (as HAM10000 sometimes does)
 * @param lesionSeed  seed of the lesion; all images of one {@code lesionId} share it
 * @param view        0 for a lesion's first image, 1 and 2 for further images of it
 * @param progressionT benign (0) to malignant (1); {@code dx} is {@code mel} from 0.5 on
 */
public record SyntheticCase(String lesionId, String imageId, String dx, String dxType, Integer age, String sex,
                            String localization, long lesionSeed, int view, double progressionT) {
}
