package org.lesionsim.gan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's preset + overrides mean exactly the preset's values except what is overridden, and nonsense is refused by name. */
class TrainingSpecTest {

    @Test
    void presetWithoutOverridesIsThePreset() {
        TrainingSpec spec = TrainingSpec.of("cpu", Map.of(), 12, 7);
        assertThat(spec.options()).isEqualTo(TrainingOptions.cpu(64).withTotalKimg(12).withSeed(7));
        assertThat(spec.generator().resolution()).isEqualTo(64);
        assertThat(spec.mirror()).isFalse();
        assertThat(spec.options().augmentConfig().hasGeometry()).as("bgc, as the reference").isTrue();
    }

    @Test
    void overridesReachOptionsAndBothArchitectures() {
        TrainingSpec spec = TrainingSpec.of("cpu", Map.of("resolution", 32, "batch", 4, "gamma", "0.5", "cbase", 1024,
                "cmax", 64, "mirror", true, "target", 0, "snap", 2, "tick", 0.5, "mbstd-group", 2), 1, 0);
        assertThat(spec.options().batch()).isEqualTo(4);
        assertThat(TrainingSpec.of("cpu", Map.of("augpipe", "bc"), 1, 0).options().augmentConfig().hasGeometry()).isFalse();
        assertThat(spec.options().r1Gamma()).isEqualTo(0.5);
        assertThat(spec.options().adaTarget()).as("target 0 turns ADA off").isNull();
        assertThat(spec.options().snapshotTicks()).isEqualTo(2);
        assertThat(spec.options().kimgPerTick()).isEqualTo(0.5);
        assertThat(spec.generator().resolution()).isEqualTo(32);
        assertThat(spec.generator().channelBase()).isEqualTo(1024);
        assertThat(spec.discriminator().channelMax()).isEqualTo(64);
        assertThat(spec.discriminator().mbstdGroupSize()).isEqualTo(2);
        assertThat(spec.mirror()).isTrue();
    }

    @Test
    void invalidJobsAreRefusedWithTheOffendingName() {
        assertThatThrownBy(() -> TrainingSpec.of("fast", Map.of(), 1, 0)).hasMessageContaining("unknown preset 'fast'");
        assertThatThrownBy(() -> TrainingSpec.of("cpu", Map.of("lr", 1), 1, 0)).hasMessageContaining("[lr]");
        assertThatThrownBy(() -> TrainingSpec.of("cpu", Map.of("resolution", 48), 1, 0)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> TrainingSpec.of("cpu", Map.of("batch", "many"), 1, 0)).hasMessageContaining("batch must be a number");
        assertThatThrownBy(() -> TrainingSpec.of("cpu", Map.of("batch", 6), 1, 0)).hasMessageContaining("mbstd-group");
        assertThatThrownBy(() -> TrainingSpec.of("cpu", Map.of(), 0, 0)).hasMessageContaining("kimg");
        assertThatThrownBy(() -> TrainingSpec.of("cpu", Map.of("augpipe", "xyz"), 1, 0)).hasMessageContaining("augpipe");
        assertThatThrownBy(() -> TrainingSpec.of("paper256", Map.of("resolution", 64), 1, 0)).hasMessageContaining("256");
    }
}
