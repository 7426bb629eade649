package org.lesionsim.progression.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code lesionsim.progression.*}: the walk every inverted case gets, and how long inputs wait for their checkpoint. */
@ConfigMapping(prefix = "lesionsim.progression")
public interface ProgressionSettings {
    /**
     * How far each walk goes: {@code fixed} (the {@link #alphas} list) or {@code calibrated} (from the case's
     * position to the melanoma class centre + {@link #marginSigma} σ in {@link #steps} frames; needs class
     * statistics along the axis, which the shipped axis carries; without them the walk is fixed).
     */
    @WithDefault("fixed")
    String schedule();

    @WithDefault("1.0")
    double marginSigma();

    @WithDefault("8")
    int steps();

    /** The progression axis shipped with the generator ({@code models/ham10000-g64/progression-axis.json}); absent: none. */
    java.util.Optional<Path> shippedAxis();

    /** α per frame, in units of the unit direction's length in W. */
    @WithDefault("0,1,2,3,4,5")
    List<Double> alphas();

    /** W+ rows that are edited (a LayerSelection spec). */
    @WithDefault("all")
    String layers();

    /** Direction for {@code latents inverted}: auto, ranked, supervised, sefa:k or sefa:layers:k. */
    @WithDefault("auto")
    String direction();

    @WithDefault("400ms")
    Duration frameDelay();

    @WithDefault("60s")
    Duration checkpointWait();

    /**
     * How long a walk along a SeFa axis waits for the directions worker to store that generator's SeFa
     * file: a walk can arrive seconds after its checkpoint was published. Then the direction is unavailable
     * ({@code DIRECTION_UNAVAILABLE}).
     */
    @WithDefault("30s")
    Duration sefaWait();

    Path workDir();

    /**
     * The independent judge ({@code models/ham10000-judge64/judge.safetensors}) that ends a calibrated walk
     * where realism breaks or the lesion is lost ({@link org.lesionsim.progression.WalkStop}); absent: walks
     * are never cut (their frames are still flagged by the metrics worker).
     */
    java.util.Optional<Path> judgeWeights();

    /** A calibrated walk also ends with the first frame whose P(mel) reaches this (above 1: never). */
    @WithDefault("0.9")
    double targetPMel();
}
