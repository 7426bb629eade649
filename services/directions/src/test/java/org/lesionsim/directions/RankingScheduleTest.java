package org.lesionsim.directions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the next ranking is due: every {@code rank-every} cases while few are ranked, then a fixed fraction of them. */
class RankingScheduleTest {
    @Test
    void theStepIsRankEveryUntilTheGrowthFractionOfTheRankedCasesIsLarger() {
        assertThat(DirectionRanking.due(0, 5, 0.1)).isEqualTo(5);
        assertThat(DirectionRanking.due(50, 5, 0.1)).isEqualTo(5);
        assertThat(DirectionRanking.due(51, 5, 0.1)).isEqualTo(6);
        assertThat(DirectionRanking.due(1000, 5, 0.1)).isEqualTo(100);
        assertThat(DirectionRanking.due(1000, 5, 0.0)).as("growth 0: every rank-every cases").isEqualTo(5);
    }

    @Test
    void rankingsOverAStreamGrowLogarithmicallyNotLinearly() {
        int rankings = 0;
        int ranked = 0;
        for (int n = 1; n <= 100_000; n++) {
            if (n - ranked >= DirectionRanking.due(ranked, 5, 0.1)) {
                ranked = n;
                rankings++;
            }
        }
        // every 5 cases would be 20,000 rankings; a tenth of N each time is ~ 10 + log(100000/50) / log(1.1)
        assertThat(rankings).isBetween(80, 100);
    }
}
