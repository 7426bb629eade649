package org.lesionsim.gan.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lesionsim.gan.Discriminator;
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.gan.loss.NonSaturatingLogisticLoss;

/**
 * Training carries a real learning signal: after 40 minibatches of the full loop on synthetic discs,
 * D's logistic loss on held real images vs. the current G's images is well below its value at
 * initialisation ({@code 2 ln 2} for a D that cannot tell them apart).
 */
class LearningSignalTest extends org.lesionsim.gan.DjlTestBase {
    @Test
    void discriminatorLearnsToSeparateRealFromGenerated(@TempDir Path out) {
        ImageDataset dataset = ImageDataset.fromImages(TinyTraining.discs(8), TinyTraining.RES, false);
        TrainingOptions options = TinyTraining.options().withRegularisation(0.1, 16, 0, 4);
        try (TrainingLoop loop = TrainingLoop.create(options, TinyTraining.generator(), TinyTraining.discriminator(),
                dataset, out, manager)) {
            double before = discriminatorLoss(loop, dataset);
            for (int i = 0; i < 40; i++) {
                loop.step();
            }
            double after = discriminatorLoss(loop, dataset);
            assertThat(before).isGreaterThan(1.0);
            assertThat(after).isLessThan(before - 0.3);
        }
    }

    /** {@code mean softplus(D(G(z))) + mean softplus(-D(x))} on 8 real images and 8 fixed-latent fakes. */
    static double discriminatorLoss(TrainingLoop loop, ImageDataset dataset) {
        Generator g = loop.generator();
        Discriminator d = loop.discriminator();
        try (NDManager sm = manager.newSubManager()) {
            NDArray real = dataset.batch(sm, 0, 8, 99);
            Random random = new Random(3);
            float[] z = new float[8 * g.zDim()];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) random.nextGaussian();
            }
            NDArray fake = g.forward(sm.create(z, new Shape(8, g.zDim())), 1.0, NoiseMode.CONST);
            NDArray loss = NonSaturatingLogisticLoss.discriminatorFake(d.forward(fake)).mean()
                    .add(NonSaturatingLogisticLoss.discriminatorReal(d.forward(real)).mean());
            return loss.getFloat();
        }
    }
}
