package org.lesionsim.preprocess;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lesionsim.imaging.PreprocessingConfig;
import org.lesionsim.imaging.PadFill;
import org.lesionsim.imaging.SquareCropPolicy;

/** {@code lesionsim.preprocess.*} → the {@link PreprocessingConfig} the worker applies. */
@ConfigMapping(prefix = "lesionsim.preprocess")
public interface PreprocessingSettings {
    @WithDefault("256")
    int resolution();

    @WithDefault("CROP_THEN_PAD")
    SquareCropPolicy policy();

    @WithDefault("50000000")
    long maxPixels();

    /** CROP_THEN_PAD: square side = min(long side, crop-ratio × short side). */
    @WithDefault("1.2")
    double cropRatio();

    /** reflect, edge, or a constant colour such as const-000000. */
    @WithDefault("reflect")
    String padFill();

    class Producer {
        @Produces
        @Singleton
        PreprocessingConfig config(PreprocessingSettings settings) {
            return PreprocessingConfig.of(settings.resolution(), settings.policy(), settings.maxPixels())
                    .withCropRatio(settings.cropRatio())
                    .withPadFill(PadFill.parse(settings.padFill()));
        }
    }
}
