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

    /** New labelled cases since the last ranking that trigger the next one ... */
    @WithDefault("5")
    int rankEvery();

    /**
     * ... and at least this fraction of the cases the last ranking covered. A ranking reads every labelled
     * case, so re-ranking every few cases costs O(N) per case, O(N²) over a stream; growing the step with N
     * keeps the cost per case bounded, and data grown by a tenth move the AUCs and the supervised fit by a
     * fraction of their standard error. 0 ranks every {@link #rankEvery()} cases whatever N.
     */
    @WithDefault("0.1")
    double rankGrowth();

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
