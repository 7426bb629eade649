package org.lesionsim.gan.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lesionsim.gan.Discriminator;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.StateDict;

/**
 * R1 through the TorchScript {@code autograd.grad}: dD/dx and the gradient of the penalty with respect
 * to D's parameters (double backprop) agree with float64 central finite differences on a tiny D.
 */
class R1PenaltyTest {
    static final double GAMMA = 3.0;
    static final double H = 1e-6;

    static NDManager manager;
    static AutogradGrad autograd;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        autograd = new AutogradGrad(manager);
    }

    @AfterAll
    static void stop() {
        autograd.close();
        manager.close();
    }

    /** 8x8 input, 4 channels, mbstd group 2: every layer kind of the real D, small enough for finite differences. */
    static Discriminator tinyFloat64() {
        DiscriminatorConfig config = new DiscriminatorConfig(8, 32, 4, 3, 2, 1, null);
        Discriminator d = new Discriminator(config, StateDict.fresh(manager, 5, DataType.FLOAT64));
        Random random = new Random(6);
        // non-zero biases so that no unit sits exactly on the lrelu kink
        d.stateDict().parameters().forEach((name, p) -> {
            if (name.endsWith("bias")) {
                double[] v = new double[(int) p.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.3 * random.nextGaussian();
                }
                p.set(v);
            }
        });
        return d;
    }

    static NDArray images() {
        Random random = new Random(7);
        double[] v = new double[2 * 3 * 8 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble() * 2 - 1;
        }
        return manager.create(v, new Shape(2, 3, 8, 8));
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        try (Discriminator d = tinyFloat64(); NDManager step = manager.newSubManager()) {
            NDArray x = images();
            double[] analytic;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray xg = x.duplicate();
                xg.setRequiresGradient(true);
                analytic = autograd.grad(d.forward(xg).sum(), xg).toDoubleArray();
            }
            double[] base = x.toDoubleArray();
            for (int index : new int[] {0, 17, 64 + 9, 191, 200, 383}) {
                double[] plus = base.clone();
                double[] minus = base.clone();
                plus[index] += H;
                minus[index] -= H;
                double numeric = (sumLogits(d, plus) - sumLogits(d, minus)) / (2 * H);
                assertThat(analytic[index]).as("pixel %d", index).isCloseTo(numeric, within(1e-6 * (1 + Math.abs(numeric))));
            }
        }
    }

    @Test
    void penaltyGradientWithRespectToParametersMatchesFiniteDifferences() {
        try (Discriminator d = tinyFloat64()) {
            NDArray x = images();
            R1Penalty r1 = new R1Penalty(autograd, GAMMA);
            d.stateDict().requireGradients();
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(r1.evaluate(d::forward, x).penalty().sum());
            }
            // Biases only move lrelu kinks and the piecewise-linear D's input gradient does not depend on them
            // locally: their R1 gradient is 0 both ways. Weights must show an effect.
            List<String> names = List.of("b8.fromrgb.weight", "b8.conv0.weight", "b8.conv1.weight", "b8.conv1.bias",
                    "b8.skip.weight", "b4.conv.weight", "b4.fc.weight", "b4.fc.bias", "b4.out.weight");
            for (String name : names) {
                NDArray p = d.stateDict().get(name);
                double[] analytic = p.getGradient().toDoubleArray();
                double[] base = p.toDoubleArray();
                int index = base.length / 3;
                double numeric = (penaltyWith(d, r1, x, p, base, index, H) - penaltyWith(d, r1, x, p, base, index, -H)) / (2 * H);
                p.set(base);
                if (name.endsWith("weight")) {
                    assertThat(Math.abs(numeric)).as("%s has an effect", name).isGreaterThan(1e-8);
                }
                assertThat(analytic[index]).as(name).isCloseTo(numeric, within(1e-6 * (1 + Math.abs(numeric))));
            }
        }
    }

    static double sumLogits(Discriminator d, double[] pixels) {
        try (NDManager step = manager.newSubManager()) {
            return d.forward(step.create(pixels, new Shape(2, 3, 8, 8))).sum().getDouble();
        }
    }

    /** The penalty (summed over the batch) with one parameter element moved by {@code delta}; the exact inner gradient each time. */
    static double penaltyWith(Discriminator d, R1Penalty r1, NDArray x, NDArray p, double[] base, int index, double delta) {
        double[] moved = base.clone();
        moved[index] += delta;
        p.set(moved);
        try (NDManager step = manager.newSubManager(); GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray images = x.duplicate();
            images.attach(step);
            return r1.evaluate(d::forward, images).penalty().sum().getDouble();
        }
    }
}
