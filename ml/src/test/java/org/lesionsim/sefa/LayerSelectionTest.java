package org.lesionsim.sefa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerSelectionTest {
    /** StyleGAN2-ADA at 64×64: each block's ToRGB reads the same W+ row as the next block's conv0. */
    private static final Map<String, Integer> WS_INDEX = new LinkedHashMap<>();

    static {
        WS_INDEX.put("synthesis.b4.conv1.affine.weight", 0);
        WS_INDEX.put("synthesis.b4.torgb.affine.weight", 1);
        int ws = 1;
        for (int res = 8; res <= 64; res *= 2) {
            WS_INDEX.put("synthesis.b" + res + ".conv0.affine.weight", ws);
            WS_INDEX.put("synthesis.b" + res + ".conv1.affine.weight", ws + 1);
            WS_INDEX.put("synthesis.b" + res + ".torgb.affine.weight", ws + 2);
            ws += 2;
        }
    }

    @Test
    void coarseMiddleAndFineFollowTheWPlusIndex() {
        assertThat(LayerSelection.parse("coarse").select(WS_INDEX)).containsExactly(
                "synthesis.b4.conv1.affine.weight", "synthesis.b8.conv0.affine.weight");
        assertThat(LayerSelection.parse("2-5").select(WS_INDEX)).containsExactly(
                "synthesis.b8.conv1.affine.weight", "synthesis.b16.conv0.affine.weight",
                "synthesis.b16.conv1.affine.weight", "synthesis.b32.conv0.affine.weight");
        assertThat(LayerSelection.parse("fine").select(WS_INDEX)).containsExactly(
                "synthesis.b32.conv1.affine.weight", "synthesis.b64.conv0.affine.weight", "synthesis.b64.conv1.affine.weight");
        assertThat(LayerSelection.parse("0, 3-3").select(WS_INDEX)).containsExactly(
                "synthesis.b4.conv1.affine.weight", "synthesis.b16.conv0.affine.weight");
    }

    @Test
    void toRgbLayersAreTakenOnlyWhenAskedFor() {
        List<String> all = LayerSelection.all().select(WS_INDEX);
        assertThat(all).as("all = every conv + the final ToRGB, as genforce's layer_idx='all'").hasSize(10)
                .filteredOn(LayerSelection::isToRgb).containsExactly("synthesis.b64.torgb.affine.weight");
        assertThat(LayerSelection.parse("0-").select(WS_INDEX)).hasSize(9).noneMatch(LayerSelection::isToRgb);
        List<String> withRgb = LayerSelection.parse("all+torgb").select(WS_INDEX);
        assertThat(withRgb).hasSize(WS_INDEX.size());
        assertThat(LayerSelection.range(0, 1, true).select(WS_INDEX)).containsExactly(
                "synthesis.b4.conv1.affine.weight", "synthesis.b4.torgb.affine.weight", "synthesis.b8.conv0.affine.weight");
    }

    @Test
    void specsReadBackInNormalisedForm() {
        assertThat(LayerSelection.parse(" Fine +torgb").toString()).isEqualTo("fine+torgb");
        assertThat(LayerSelection.parse("6-").includesIndex(1000)).isTrue();
        assertThat(LayerSelection.parse("6-").includesIndex(5)).isFalse();
        assertThat(LayerSelection.all().toString()).isEqualTo("all");
    }

    @Test
    void badSpecsAndEmptySelectionsSayWhy() {
        assertThatThrownBy(() -> LayerSelection.parse("top")).hasMessageContaining("cannot read layer selection 'top'");
        assertThatThrownBy(() -> LayerSelection.parse("5-2")).hasMessageContaining("empty or negative");
        assertThatThrownBy(() -> LayerSelection.parse("")).hasMessageContaining("empty layer selection");
        assertThatThrownBy(() -> LayerSelection.parse("40-").select(WS_INDEX)).hasMessageContaining("matches none of the 14 layers");
    }

    @Test
    void selectWeightsPicksTheNamedWeightsInOrderAndNamesAMissingOne() {
        NamedWeight b4 = new NamedWeight("synthesis.b4.conv1.affine.weight", new float[][] {{1, 0}});
        NamedWeight b8 = new NamedWeight("synthesis.b8.conv0.affine.weight", new float[][] {{0, 1}});
        NamedWeight b64 = new NamedWeight("synthesis.b64.conv1.affine.weight", new float[][] {{1, 1}});
        assertThat(LayerSelection.parse("coarse").selectWeights(List.of(b64, b8, b4), WS_INDEX)).containsExactly(b4, b8);
        assertThatThrownBy(() -> LayerSelection.parse("coarse").selectWeights(List.of(b4), WS_INDEX))
                .hasMessageContaining("synthesis.b8.conv0.affine.weight has no weight");
    }
}
