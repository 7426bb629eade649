package org.lesionsim.sefa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AxisRankingTest {

    @Test
    void aucIsOneForPerfectSeparationZeroReversedAndHalfForIdenticalSamples() {
        assertThat(AxisRanking.auc(new double[] {3, 4, 5}, new double[] {0, 1, 2})).isEqualTo(1.0);
        assertThat(AxisRanking.auc(new double[] {0, 1, 2}, new double[] {3, 4, 5})).isEqualTo(0.0);
        assertThat(AxisRanking.auc(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(0.5);
    }

    @Test
    void tiesCountHalf() {
        // pairs (mel, nv): (1,2) 0, (1,3) 0, (2,2) ½, (2,3) 0, (2,2) ½, (2,3) 0 → 1/6
        assertThat(AxisRanking.auc(new double[] {1, 2, 2}, new double[] {2, 3})).isCloseTo(1.0 / 6, within(1e-15));
        assertThat(AxisRanking.auc(new double[] {7, 7}, new double[] {7, 7, 7})).isEqualTo(0.5);
    }

    @Test
    void aucEqualsTheBruteForcePairCountOnTiedRandomData() {
        Random random = new Random(1);
        double[] mel = new double[37];
        double[] nv = new double[53];
        for (int i = 0; i < mel.length; i++) {
            mel[i] = random.nextInt(8);
        }
        for (int i = 0; i < nv.length; i++) {
            nv[i] = random.nextInt(6);
        }
        double wins = 0;
        for (double m : mel) {
            for (double n : nv) {
                wins += m > n ? 1 : m == n ? 0.5 : 0;
            }
        }
        assertThat(AxisRanking.auc(mel, nv)).isCloseTo(wins / (mel.length * nv.length), within(1e-15));
    }

    @Test
    void cohensDUsesThePooledStandardDeviation() {
        // means 2 and 5, both sample variances 1 → pooled sd 1
        assertThat(AxisRanking.cohensD(new double[] {1, 2, 3}, new double[] {4, 5, 6})).isCloseTo(-3.0, within(1e-15));
        assertThat(AxisRanking.cohensD(new double[] {1, 1}, new double[] {1, 1})).isZero();
    }

    @Test
    void rankingPutsThePlantedDirectionFirstOrientedTowardsMelanoma() {
        Random random = new Random(2);
        int dim = 16;
        float[] planted = randomUnit(dim, random);
        List<LabelledLatent> cases = clusters(planted, dim, 150, 60, 1.5, random);
        float[][] candidates = new float[10][];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = randomUnit(dim, random);
        }
        // the separating axis is offered pointing towards nevus and at twice unit length
        candidates[6] = new float[dim];
        for (int k = 0; k < dim; k++) {
            candidates[6][k] = -2 * planted[k];
        }

        List<RankedAxis> ranking = AxisRanking.rank(cases, candidates);

        RankedAxis best = ranking.get(0);
        assertThat(best.index()).isEqualTo(6);
        assertThat(best.orientation()).isEqualTo(-1);
        assertThat(best.auc()).isGreaterThan(0.8);
        assertThat(best.cohensD()).isGreaterThan(1.0);
        assertThat(SefaFactorizationTest.dot(best.direction(), planted)).isCloseTo(1.0, within(1e-6));
        assertThat(ranking).hasSize(10).allSatisfy(r -> assertThat(r.auc()).isGreaterThanOrEqualTo(0.5));
        for (int i = 1; i < ranking.size(); i++) {
            assertThat(ranking.get(i).auc()).isLessThanOrEqualTo(ranking.get(i - 1).auc());
        }
    }

    @Test
    void supervisedDirectionRecoversThePlantedAxisPointingTowardsMelanoma() {
        Random random = new Random(3);
        int dim = 32;
        float[] planted = randomUnit(dim, random);
        // imbalanced like HAM10000 (nv ≫ mel); expected cosine from sampling alone ≈ 0.95
        List<LabelledLatent> cases = clusters(planted, dim, 800, 200, 2.0, random);
        SupervisedDirection fitted = SupervisedDirection.fit(cases);
        assertThat(SefaFactorizationTest.dot(fitted.direction(), fitted.direction())).isCloseTo(1.0, within(1e-6));
        assertThat(SefaFactorizationTest.dot(fitted.direction(), planted)).isGreaterThan(0.9);
        assertThat(fitted.trainingAuc()).isGreaterThan(0.8);
        assertThat(fitted.iterations()).isLessThan(100);
    }

    @Test
    void bothClassesAreRequired() {
        List<LabelledLatent> onlyNevi = List.of(new LabelledLatent(new float[] {1, 2}, false), new LabelledLatent(new float[] {2, 1}, false));
        assertThatThrownBy(() -> AxisRanking.rank(onlyNevi, new float[][] {{1, 0}})).hasMessageContaining("both classes");
        assertThatThrownBy(() -> SupervisedDirection.fit(onlyNevi)).hasMessageContaining("both classes");
    }

    @Test
    void wPlusRowsAreAveragedOverTheChosenLayers() {
        float[][] wPlus = {{1, 2}, {3, 4}, {100, 100}};
        LabelledLatent latent = LabelledLatent.ofWPlus(wPlus, List.of(0, 1), true);
        assertThat(latent.latent()).containsExactly(2f, 3f);
        assertThat(latent.melanoma()).isTrue();
        assertThatThrownBy(() -> LabelledLatent.ofWPlus(wPlus, List.of(3), true)).hasMessageContaining("outside 0..2");
    }

    /** nv ~ N(0, I), mel ~ N(shift·u, I). */
    static List<LabelledLatent> clusters(float[] u, int dim, int nevi, int melanomas, double shift, Random random) {
        List<LabelledLatent> cases = new ArrayList<>();
        for (int i = 0; i < nevi + melanomas; i++) {
            boolean mel = i >= nevi;
            float[] x = new float[dim];
            for (int k = 0; k < dim; k++) {
                x[k] = (float) (random.nextGaussian() + (mel ? shift * u[k] : 0.0));
            }
            cases.add(new LabelledLatent(x, mel));
        }
        return cases;
    }

    static float[] randomUnit(int dim, Random random) {
        double[] v = new double[dim];
        double norm = 0;
        for (int k = 0; k < dim; k++) {
            v[k] = random.nextGaussian();
            norm += v[k] * v[k];
        }
        float[] u = new float[dim];
        for (int k = 0; k < dim; k++) {
            u[k] = (float) (v[k] / Math.sqrt(norm));
        }
        return u;
    }
}
