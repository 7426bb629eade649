package org.lesionsim.metrics.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code lesionsim.metrics.*}: where the pretrained metric weights are (absent = that metric is
 * reported as not configured) and how a generator checkpoint is evaluated.
 */
@ConfigMapping(prefix = "lesionsim.metrics")
public interface MetricsSettings {
    Lpips lpips();

    Fid fid();

    Judge judge();

    /** Generated and real images compared per checkpoint (each side). */
    @WithDefault("64")
    int checkpointSamples();

    /** Seed of the generated latents and of the SWD/KID sampling: every checkpoint is measured alike. */
    @WithDefault("0")
    long seed();

    /** Scratch space for downloaded generator weights. */
    Path workDir();

    interface Lpips {
        /** {@code LESIONSIM_LPIPS_WEIGHTS}: the safetensors file tools/export_lpips_weights.py writes. */
        Optional<String> weights();

        /** {@code alex} or {@code vgg}. */
        @WithDefault("alex")
        String backbone();
    }

    interface Judge {
        /** {@code LESIONSIM_JUDGE_WEIGHTS}: the judge.safetensors TrainLesionClassifier writes (shipped under models/). */
        Optional<String> weights();
    }

    interface Fid {
        /** {@code LESIONSIM_FID_WEIGHTS}: the Inception safetensors file tools/export_inception_weights.py writes. */
        Optional<String> weights();

        /** Its expected SHA-256; without it, the {@code .sha256} file beside the weights. */
        Optional<String> sha256();
    }
}
