package org.lesionsim.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Simulation keys: one folder per walk. Two walks of the same case and direction that differ in their α list,
 * layers, schedule, calibration or checkpoint never share a folder (the second would overwrite the first's frames
 * and break its event's checksums); the same walk always maps to the same folder (a redelivery rewrites it).
 */
class ObjectKeysTest {
    static final UUID CASE = UUID.fromString("3f1c2a9e-5b7d-4e2f-9a1b-0c6d8e4f2a71");
    static final String CKPT = "g64-cpu-kimg000300";
    static final List<Double> ALPHAS = List.of(0.0, 2.0, 4.0);

    static String prefix(String ckpt, String direction, String layers, List<Double> alphas, String schedule, String calibration) {
        return ObjectKeys.simulationPrefix(CASE, ckpt, direction, layers, alphas, schedule, calibration);
    }

    @Test
    void theSameWalkAlwaysGetsTheSameFolder() {
        String a = prefix(CKPT, "sefa-all-3", "all", ALPHAS, "fixed", null);
        assertThat(prefix(CKPT, "sefa-all-3", "all", List.of(0.0, 2.0, 4.0), "fixed", null)).isEqualTo(a);
        assertThat(a).matches("simulations/" + CASE + "/" + CKPT + "/sefa-all-3-[0-9a-f]{16}/");
        assertThat(ObjectKeys.simulationHash(CKPT, "sefa-all-3", "all", ALPHAS, "fixed", null))
                .as("pinned: a changed encoding would move every stored simulation").isEqualTo("2f77906e270332db");
        assertThat(a).endsWith("-2f77906e270332db/");
    }

    @Test
    void everythingThatChangesTheFramesChangesTheFolder() {
        String base = prefix(CKPT, "sefa-all-3", "all", ALPHAS, "fixed", null);
        Set<String> variants = new java.util.LinkedHashSet<>(List.of(base,
                prefix(CKPT, "sefa-all-3", "all", List.of(0.0, 1.0, 2.0), "fixed", null),
                prefix(CKPT, "sefa-all-3", "all", List.of(0.0, 2.0), "fixed", null),
                prefix(CKPT, "sefa-all-3", "all", List.of(4.0, 2.0, 0.0), "fixed", null),
                prefix(CKPT, "sefa-all-3", "all", List.of(0.0, 2.0, 4.000000000000001), "fixed", null),
                prefix(CKPT, "sefa-all-3", "all", List.of(-0.0, 2.0, 4.0), "fixed", null),
                prefix(CKPT, "sefa-all-3", "coarse", ALPHAS, "fixed", null),
                prefix(CKPT, "sefa-all-3", "all", ALPHAS, "calibrated", null),
                prefix(CKPT, "sefa-all-3", "all", ALPHAS, "calibrated", "target=3.0;margin=1.0"),
                prefix(CKPT, "sefa-all-3", "all", ALPHAS, "calibrated", "target=3.5;margin=1.0"),
                prefix(CKPT, "sefa-all-4", "all", ALPHAS, "fixed", null),
                prefix("g64-cpu-kimg000400", "sefa-all-3", "all", ALPHAS, "fixed", null)));
        assertThat(variants).as("all distinct").hasSize(12);
        // fields are length-prefixed: text moved from one field to the next does not give the same hash
        assertThat(ObjectKeys.simulationHash(CKPT, "a", "b,c", List.of(1.0), "", null))
                .isNotEqualTo(ObjectKeys.simulationHash(CKPT, "a,b", "c", List.of(1.0), "", null));
    }

    @Test
    void keysStayInsideTheSafeLayout() {
        String prefix = prefix(CKPT, "sefa:coarse:1", "0,1,2", List.of(0.0, 1.5, -3.25e-7), "fixed", "statistics=shipped:Models/X.json");
        assertThat(prefix).startsWith(ObjectKeys.simulationsOfCase(CASE) + CKPT + "/sefa-coarse-1-").endsWith("/");
        assertThat(ObjectKeys.requireSafePrefix(prefix)).isEqualTo(prefix);
        assertThat(ObjectKeys.requireSafe(prefix + "frame-0.png")).isEqualTo(prefix + "frame-0.png");
        assertThat(prefix).as("free text enters only through the hash").doesNotContain("Models").doesNotContain(",");
        assertThatThrownBy(() -> prefix("ISIC_0024421", "sefa-all-3", "all", ALPHAS, "fixed", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prefix(CKPT, "../x", "all", ALPHAS, "fixed", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prefix(CKPT, "sefa-all-3", "all", List.of(), "fixed", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
