package org.lesionsim.data.ham10000;

import java.nio.file.Path;

/**
 * One row of {@code HAM10000_metadata.csv} with the image it names. {@code age} is null where
 * the official metadata leaves it empty.
 */
public record Ham10000Record(String lesionId, String imageId, String dx, String dxType, Double age, String sex,
                             String localization, Path image) {
}
