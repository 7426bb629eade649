package org.lesionsim.sefa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DirectionsJsonTest {

    @Test
    void sefaResultRoundTripsExactly() {
        SefaResult result = SefaFactorization.factorize(List.of(SefaFactorizationTest.randomWeight("synthesis.b8.conv0.affine.weight", 12, 6, new Random(1))));
        SefaResult back = DirectionsJson.readSefa(DirectionsJson.write(result));
        assertThat(back.layerNames()).isEqualTo(result.layerNames());
        assertThat(back.eigenvalues()).containsExactly(result.eigenvalues());
        for (int i = 0; i < 6; i++) {
            assertThat(back.directions()[i]).containsExactly(result.directions()[i]);
        }
        String json = new String(DirectionsJson.write(result), StandardCharsets.UTF_8);
        assertThat(json).contains("\"formatVersion\":1", "\"method\":\"sefa\"", "\"layerNames\":[\"synthesis.b8.conv0.affine.weight\"]");
    }

    @Test
    void rankingRoundTrips() {
        List<RankedAxis> ranking = List.of(new RankedAxis(3, 0.71, 0.8, -1, new float[] {0.6f, 0.8f}),
                new RankedAxis(0, 0.55, 0.1, 1, new float[] {1f, 0f}));
        List<RankedAxis> back = DirectionsJson.readRanking(DirectionsJson.write(ranking));
        assertThat(back).hasSize(2);
        assertThat(back.get(0).index()).isEqualTo(3);
        assertThat(back.get(0).auc()).isEqualTo(0.71);
        assertThat(back.get(0).orientation()).isEqualTo(-1);
        assertThat(back.get(0).direction()).containsExactly(0.6f, 0.8f);
    }

    @Test
    void readingSaysWhatIsWrong() {
        assertThatThrownBy(() -> DirectionsJson.readSefa(bytes("{\"formatVersion\":2,\"method\":\"sefa\",\"layerNames\":[],\"eigenvalues\":[],\"directions\":[]}")))
                .hasMessageContaining("formatVersion 2");
        assertThatThrownBy(() -> DirectionsJson.readSefa(bytes("{\"formatVersion\":1,\"method\":\"sefa\",\"layerNames\":[\"a\"],\"eigenvalues\":[1,2],\"directions\":[[1,0],[0,1]]}")))
                .hasMessageContaining("not sorted descending");
        assertThatThrownBy(() -> DirectionsJson.readSefa(bytes("{\"formatVersion\":1,\"method\":\"sefa\",\"layerNames\":[\"a\"],\"eigenvalues\":[2,1],\"directions\":[[2,0],[0,1]]}")))
                .hasMessageContaining("direction 0 has norm 2");
        assertThatThrownBy(() -> DirectionsJson.readSefa(bytes("{\"formatVersion\":1,\"method\":\"sefa\",\"extra\":1}")))
                .hasMessageContaining("not a valid directions file");
        assertThatThrownBy(() -> DirectionsJson.readSefa(bytes("not json"))).hasMessageContaining("not a valid directions file");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
