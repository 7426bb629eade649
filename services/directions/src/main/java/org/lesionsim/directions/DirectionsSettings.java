package org.lesionsim.directions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code lesionsim.directions.*}: what the directions worker computes and when it ranks. */
@ConfigMapping(prefix = "lesionsim.directions")
public interface DirectionsSettings {
    /** Layer selections SeFa factorises, one {@code sefa-{layers}.json} each. */
    @WithDefault("all,coarse,middle,fine")
    List<String> layers();

    /** Labelled cases of each class (nv, mel) needed before ranking. */
    @WithDefault("5")
    int minPerClass();

    /** New labelled cases since the last ranking that trigger the next one. */
    @WithDefault("5")
    int rankEvery();

    /** W+ rows whose mean the supervised direction is fitted on. */
    @WithDefault("all")
    String supervisedLayers();

    /**
     * How many of SeFa's leading directions (largest eigenvalues) compete in the ranking: the trailing
     * ones barely move the image, so separating the classes along them says little about how a lesion looks.
     */
    @WithDefault("16")
    int candidates();

    /** How long a latents event waits for its checkpoint to appear on checkpoints.published. */
    @WithDefault("60s")
    Duration checkpointWait();

    Path workDir();
}
