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
import org.lesionsim.gan.Generator;
import org.lesionsim.gan.GeneratorConfig;
import org.lesionsim.gan.NoiseMode;
import org.lesionsim.gan.StateDict;

/**
 * Path lengths through the TorchScript {@code autograd.grad}: the Jacobian-vector product and the
 * gradient of the lengths with respect to G's parameters (double backprop through modulated
 * convolutions, FIR upsampling and the mapping) agree with float64 finite differences on a tiny G.
 */
class PathLengthPenaltyTest {
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

    /** 8x8 output, 2 channels, w_dim 4: every layer kind of the real G. */
    static Generator tinyFloat64() {
        GeneratorConfig config = new GeneratorConfig(8, 4, 4, 2, 16, 2, 3, null, 0.01f, 0.995f);
        Generator g = new Generator(config, StateDict.fresh(manager, 9, DataType.FLOAT64));
        Random random = new Random(10);
        g.stateDict().parameters().forEach((name, p) -> {
            if (name.endsWith("bias") || name.endsWith("noise_strength")) {
                double[] v = new double[(int) p.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.3 * random.nextGaussian() + (name.contains("affine") ? 1 : 0);
                }
                p.set(v);
            }
        });
        return g;
    }

    static NDArray gaussian(Shape shape, long seed) {
        Random random = new Random(seed);
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return manager.create(v, shape);
    }

    @Test
    void jacobianVectorProductMatchesFiniteDifferences() {
        try (Generator g = tinyFloat64(); NDManager step = manager.newSubManager()) {
            NDArray ws = g.mapping(gaussian(new Shape(2, 4), 1), 1.0);
            NDArray noise = gaussian(new Shape(2, 3, 8, 8), 2);
            double[] analytic;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray leaf = ws.duplicate();
                leaf.setRequiresGradient(true);
                NDArray img = g.synthesis(leaf, NoiseMode.CONST);
                analytic = autograd.grad(img.mul(noise).sum(), leaf).toDoubleArray();
            }
            double[] base = ws.toDoubleArray();
            for (int index : new int[] {0, 5, 18, 31}) {
                double[] plus = base.clone();
                double[] minus = base.clone();
                plus[index] += H;
                minus[index] -= H;
                double numeric = (projected(g, plus, noise) - projected(g, minus, noise)) / (2 * H);
                assertThat(analytic[index]).as("w %d", index).isCloseTo(numeric, within(1e-6 * (1 + Math.abs(numeric))));
            }
        }
    }

    @Test
    void pathLengthGradientWithRespectToParametersMatchesFiniteDifferences() {
        try (Generator g = tinyFloat64()) {
            PathLengthPenalty pl = new PathLengthPenalty(autograd, 2, 0.01);
            NDArray z = gaussian(new Shape(2, 4), 3);
            NDArray noise = gaussian(new Shape(2, 3, 8, 8), 4);
            g.stateDict().requireGradients();
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray ws = g.mapping(z, 1.0);
                collector.backward(pl.pathLengths(g.synthesis(ws, NoiseMode.CONST), ws, noise).sum());
            }
            List<String> names = List.of("mapping.fc0.weight", "synthesis.b4.const", "synthesis.b4.conv1.weight",
                    "synthesis.b4.conv1.affine.weight", "synthesis.b8.conv0.weight", "synthesis.b8.conv1.affine.bias",
                    "synthesis.b8.torgb.weight", "synthesis.b8.torgb.affine.weight");
            for (String name : names) {
                NDArray p = g.stateDict().get(name);
                double[] analytic = p.getGradient().toDoubleArray();
                double[] base = p.toDoubleArray();
                int index = base.length / 2;
                double numeric = (lengthsWith(g, pl, z, noise, p, base, index, H) - lengthsWith(g, pl, z, noise, p, base, index, -H)) / (2 * H);
                p.set(base);
                assertThat(Math.abs(numeric)).as("%s has an effect", name).isGreaterThan(1e-8);
                assertThat(analytic[index]).as(name).isCloseTo(numeric, within(1e-6 * (1 + Math.abs(numeric))));
            }
        }
    }

    @Test
    void penaltyTracksTheRunningMeanLength() {
        try (Generator g = tinyFloat64(); NDManager step = manager.newSubManager()) {
            PathLengthPenalty pl = new PathLengthPenalty(autograd, 2, 0.5);
            g.stateDict().requireGradients(); // ws carry a graph only through trainable mapping weights
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray ws = g.mapping(gaussian(new Shape(2, 4), 5), 1.0);
                NDArray penalty = pl.evaluate(g.synthesis(ws, NoiseMode.CONST), ws);
                assertThat(penalty.getShape()).isEqualTo(new Shape(2));
                assertThat(pl.plMean()).isGreaterThan(0);
                for (double v : penalty.toDoubleArray()) {
                    assertThat(v).isGreaterThanOrEqualTo(0);
                }
            }
        }
    }

    static double projected(Generator g, double[] ws, NDArray noise) {
        try (NDManager step = manager.newSubManager()) {
            NDArray img = g.synthesis(step.create(ws, new Shape(2, g.numWs(), g.wDim())), NoiseMode.CONST);
            return img.mul(noise).sum().getDouble();
        }
    }

    static double lengthsWith(Generator g, PathLengthPenalty pl, NDArray z, NDArray noise, NDArray p, double[] base,
            int index, double delta) {
        double[] moved = base.clone();
        moved[index] += delta;
        p.set(moved);
        try (NDManager step = manager.newSubManager(); GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray zs = z.duplicate();
            zs.attach(step);
            NDArray ws = g.mapping(zs, 1.0);
            return pl.pathLengths(g.synthesis(ws, NoiseMode.CONST), ws, noise).sum().getDouble();
        }
    }
}
