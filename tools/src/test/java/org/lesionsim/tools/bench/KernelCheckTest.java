package org.lesionsim.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The kernel check compares two child runs of the shipped models value by value, and a NaN never agrees. */
class KernelCheckTest {
    private static final Path MODELS = Path.of("..", "models");

    @Test
    void aDifferenceBeyondTheToleranceANanOrAMissingOutputDisagrees() {
        float[] a = {0.5f, -1f, 2f};
        assertThat(KernelCheck.maxAbsDifference(a, new float[] {0.5f, -1f, 2f})).isZero();
        assertThat(KernelCheck.maxAbsDifference(a, new float[] {0.5f, -1.25f, 2f})).isEqualTo(0.25);
        assertThat(KernelCheck.maxAbsDifference(a, new float[] {0.5f, Float.NaN, 2f})).isInfinite();
        assertThat(KernelCheck.maxAbsDifference(a, new float[] {0.5f, -1f})).isInfinite();
        assertThat(KernelCheck.maxAbsDifference(a, null)).isInfinite();
    }

    @Test
    void outputsSurviveTheFileBetweenChildAndParent(@TempDir Path dir) throws Exception {
        Map<String, float[]> outputs = new LinkedHashMap<>();
        outputs.put("generator b1", new float[] {1f, Float.MIN_VALUE, -0f});
        outputs.put("judge b1", new float[] {});
        KernelCheck.write(dir.resolve("o.bin"), outputs);
        Map<String, float[]> read = KernelCheck.read(dir.resolve("o.bin"));
        assertThat(read).containsOnlyKeys("generator b1", "judge b1");
        assertThat(read.get("generator b1")).containsExactly(1f, Float.MIN_VALUE, -0f);
        assertThat(read.get("judge b1")).isEmpty();
    }

    /** Two children at the same setting: the shipped models load, run at every batch size, and agree exactly. */
    @Test
    void theSameSettingTwiceAgreesOnEveryShippedModel() {
        int exit = new CommandLine(new KernelCheck()).execute("--models", MODELS.toString(), "--isa", "SSE41",
                "--reference-isa", "SSE41", "--threads", "1", "--tolerance", "0");
        assertThat(exit).isZero();
    }
}
