package org.lesionsim.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Artefact names are how workers find a checkpoint's files; the trainer and models/ must agree on them. */
class CheckpointFolderTest {
    @Test
    void networksKeepTheirStemAndArchitecturesGetAConfigSuffix() {
        assertThat(CheckpointFolder.artefactName("generator_ema.safetensors")).isEqualTo("generator_ema");
        assertThat(CheckpointFolder.artefactName("generator_ema.json")).isEqualTo("generator_ema_config");
        assertThat(CheckpointFolder.artefactName("encoder.json")).isEqualTo("encoder_config");
        assertThat(CheckpointFolder.artefactName("training_state.json")).isEqualTo("training_state");
        assertThat(CheckpointFolder.artefactName("samples.png")).isEqualTo("samples");
        assertThat(CheckpointFolder.artefactName("training-log.txt")).isEqualTo("training-log");
    }
}
