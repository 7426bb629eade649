package org.lesionsim.judge;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the judge's weights are, or plainly why there are none (as LPIPS and FID say it). The file
 * is the {@code judge.safetensors} that {@code tools.judge.TrainLesionClassifier} writes, with its
 * {@code judge.json} beside it; the shipped one is {@code models/ham10000-judge64/judge.safetensors}.
 */
public sealed interface JudgeConfiguration {
    String HOW_TO = "set lesionsim.metrics.judge.weights (LESIONSIM_JUDGE_WEIGHTS) to models/ham10000-judge64/judge.safetensors"
            + " or to a file made by TrainLesionClassifier";

    record Configured(Path weights) implements JudgeConfiguration {
    }

    record NotConfigured(String reason) implements JudgeConfiguration {
    }

    /** {@code weights} null or blank: not configured; otherwise the file must exist. */
    static JudgeConfiguration fromSettings(String weights) {
        if (weights == null || weights.isBlank()) {
            return new NotConfigured("judge P(mel) is not configured: no weights file given; " + HOW_TO);
        }
        Path path = Path.of(weights);
        if (!Files.isRegularFile(path)) {
            return new NotConfigured("judge P(mel) is not configured: weights file " + path + " does not exist; " + HOW_TO);
        }
        return new Configured(path);
    }
}
