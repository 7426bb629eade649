package org.lesionsim.progression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The supervised direction file round-trips exactly and refuses what is not a unit direction of this format. */
class SupervisedDirectionFileTest {

    @Test
    void roundTripsAndRefusesNonUnitOrForeignFiles() {
        SupervisedDirectionFile file = SupervisedDirectionFile.of("all", 4, 6, 0.875f, new float[] {0.6f, -0.8f});
        SupervisedDirectionFile back = SupervisedDirectionFile.read(file.toJson());
        assertThat(back.direction()).containsExactly(0.6f, -0.8f);
        assertThat(back.layers()).isEqualTo("all");
        assertThat(back.melanomas()).isEqualTo(4);
        assertThat(back.trainingAuc()).isEqualTo(0.875);

        byte[] notUnit = SupervisedDirectionFile.of("all", 4, 6, 0.5, new float[] {1f, 1f}).toJson();
        assertThatThrownBy(() -> SupervisedDirectionFile.read(notUnit)).hasMessageContaining("norm");
        assertThatThrownBy(() -> SupervisedDirectionFile.read("{\"formatVersion\":1,\"axes\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
