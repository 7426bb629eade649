package org.lesionsim.progression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.storage.ObjectKeys;

/** Every layer selection names files that are valid keys in the store's layout. */
class DirectionFilesTest {

    @Test
    void namesAreValidKeysForEveryKindOfSelection() {
        for (String spec : new String[] {"all", "coarse", "6-", "0,3-4+torgb", "all+torgb"}) {
            LayerSelection layers = LayerSelection.parse(spec);
            assertThat(ObjectKeys.directions("g64-abc", DirectionFiles.sefa(layers))).startsWith("directions/g64-abc/sefa-");
            assertThat(ObjectKeys.directions("g64-abc", DirectionFiles.ranking(layers))).endsWith(".json");
        }
        assertThat(DirectionFiles.sefa(LayerSelection.parse("0,3-4+torgb"))).isEqualTo("sefa-0.3-4=torgb.json");
        assertThat(DirectionFiles.ranking(LayerSelection.parse("middle"))).isEqualTo("ranking-middle.json");
    }
}
