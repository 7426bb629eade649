package org.lesionsim.gan.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.lesionsim.gan.DjlTestBase;
import org.lesionsim.gan.loss.AutogradGrad;

/**
 * The general geometric group: libtorch's grid_sample reproduced, exact moves reproduced through
 * the resampling chain, gradients of first and second order, and that scaling really scales.
 */
class GeometricAugmentTest extends DjlTestBase {

    static NDArray images(int batch, int height, int width, long seed, DataType type) {
        Random random = new Random(seed);
        double[] v = new double[batch * 3 * height * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble() * 2 - 1;
        }
        return manager.create(v, new Shape(batch, 3, height, width)).toType(type, false);
    }

    static double maxAbs(NDArray a, NDArray b) {
        return a.sub(b).abs().max().toType(DataType.FLOAT64, false).getDouble();
    }

    static double[][][] repeat(double[][] g, int batch) {
        double[][][] out = new double[batch][][];
        java.util.Arrays.fill(out, g);
        return out;
    }

    @Test
    void bilinearSamplingEqualsLibtorchGridSampler() throws Exception {
        NDArray x = images(2, 9, 11, 1, DataType.FLOAT32);
        // rotation + anisotropic scale + translation, reaching outside the input (zero padding)
        double[][][] theta = {
            {{0.8, -0.7, 0.15}, {0.5, 1.1, -0.2}},
            {{-1.3, 0.2, 0.4}, {0.1, 0.9, 0.35}},
        };
        float[] t = new float[12];
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    t[n * 6 + i * 3 + j] = (float) theta[n][i][j];
                }
            }
        }
        NDArray weights = images(2, 7, 8, 2, DataType.FLOAT32);
        NDArray ours;
        NDArray theirs;
        NDArray ourGrad;
        NDArray theirGrad;
        try (TorchGridSampler torch = new TorchGridSampler(manager)) {
            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                ours = BilinearGridSample.sample(x, theta, 7, 8);
                collector.backward(ours.mul(weights).sum());
            }
            ourGrad = x.getGradient().duplicate();
            NDArray x2 = x.duplicate();
            x2.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                theirs = torch.sample(x2, manager.create(t, new Shape(2, 2, 3)), manager.zeros(new Shape(2, 3, 7, 8)));
                collector.backward(theirs.mul(weights).sum());
            }
            theirGrad = x2.getGradient();
        }
        assertThat(ours.getShape()).isEqualTo(new Shape(2, 3, 7, 8));
        assertThat(theirs.abs().sum().getFloat()).isGreaterThan(1); // the oracle did compute something
        assertThat(maxAbs(ours, theirs)).isLessThan(2e-6);
        assertThat(maxAbs(ourGrad, theirGrad)).isLessThan(2e-6);
    }

    /**
     * Pad, 2x sym6 up, sample at the identity, 2x sym6 down: sym6 is orthogonal, so this is the
     * identity up to float32 rounding (measured 1.8e-7; bound 1e-5).
     */
    @Test
    void identityMatrixReproducesTheImage() {
        NDArray x = images(2, 16, 12, 3, DataType.FLOAT32);
        NDArray y = GeometricResampler.apply(x, repeat(GeometryMatrices.identity(), 2));
        assertThat(maxAbs(x, y)).isLessThan(1e-5);
    }

    /**
     * A quarter turn by the general path equals the lossless blit on smooth content up to a
     * sub-pixel shift (measured 0.024 inside, bound 0.05): sym6 is not symmetric (centroid at tap
     * 5.10, not 5.5), so the up / down chain, the reference's too, cancels its delay for integer
     * shifts (exact, see below) but leaves ~0.2 px of it under a turn. White noise differs by ~0.25.
     */
    @Test
    void quarterTurnThroughResamplingMatchesTheBlit() {
        int size = 16;
        double[] v = new double[3 * size * size];
        for (int i = 0; i < v.length; i++) {
            int ch = i / (size * size);
            int r = (i / size) % size;
            int c = i % size;
            v[i] = 0.5 * Math.sin(0.3 * r + 0.2 * c + ch) + 0.4 * Math.cos(0.25 * r - 0.4 * c);
        }
        NDArray x = manager.create(v, new Shape(1, 3, size, size)).toType(DataType.FLOAT32, false);
        NDArray general = GeometricResampler.apply(x, repeat(GeometryMatrices.rotateInv(-Math.PI / 2), 1));
        NDArray blit = new PixelBlit(false, 1, 0, 0).apply(x);
        String inner = ":, :, 3:13, 3:13";
        assertThat(maxAbs(general.get(inner), blit.get(inner))).isLessThan(0.05);
        // the opposite turn is something else
        NDArray other = GeometricResampler.apply(x, repeat(GeometryMatrices.rotateInv(Math.PI / 2), 1));
        assertThat(maxAbs(other.get(inner), blit.get(inner))).isGreaterThan(0.3);
    }

    /** An integer translation by the general path equals the pixel shift with reflection (measured 1.8e-7 everywhere). */
    @Test
    void integerTranslationThroughResamplingMatchesTheShift() {
        NDArray x = images(1, 16, 16, 5, DataType.FLOAT32);
        NDArray general = GeometricResampler.apply(x, repeat(GeometryMatrices.translateInv(3, -2), 1));
        NDArray shifted = new PixelBlit(false, 0, 3, -2).apply(x);
        assertThat(maxAbs(general, shifted)).isLessThan(1e-5);
    }

    @Test
    void gradientsReachTheInputAndMatchFiniteDifferences() {
        AugmentPipe pipe = new AugmentPipe(AugmentConfig.geometry(), 1);
        NDArray x = images(1, 6, 6, 6, DataType.FLOAT64);
        NDArray w = images(1, 6, 6, 7, DataType.FLOAT64);
        UnaryOperator<NDArray> loss = in -> pipe.forward(in, new Random(8)).mul(w).sum();
        x.setRequiresGradient(true);
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            collector.backward(loss.apply(x));
        }
        double[] grad = x.getGradient().toDoubleArray();
        double[] v = x.toDoubleArray();
        double h = 1e-3;
        double worst = 0;
        double norm = 0;
        for (int i = 0; i < v.length; i += 5) {
            double[] plus = v.clone();
            double[] minus = v.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (eval(loss, plus, x.getShape()) - eval(loss, minus, x.getShape())) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - grad[i]));
            norm = Math.max(norm, Math.abs(grad[i]));
        }
        assertThat(norm).isGreaterThan(0.1).isFinite();
        assertThat(worst).isLessThan(1e-9);
    }

    private static double eval(UnaryOperator<NDArray> loss, double[] v, Shape shape) {
        return loss.apply(manager.create(v, shape)).getDouble();
    }

    /** R1 on augmented reals differentiates the augmentation twice: d/dw of |d(sum w aug(x)^2)/dx|^2. */
    @Test
    void secondOrderGradientsFlowForR1() {
        AugmentPipe pipe = new AugmentPipe(AugmentConfig.geometry(), 1);
        NDArray x = images(1, 6, 6, 9, DataType.FLOAT64);
        NDArray w = images(1, 6, 6, 10, DataType.FLOAT64);
        try (AutogradGrad autograd = new AutogradGrad(manager)) {
            w.setRequiresGradient(true);
            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(penalty(autograd, pipe, x, w));
            }
            double[] grad = w.getGradient().toDoubleArray();
            double[] v = w.toDoubleArray();
            double h = 1e-4;
            double worst = 0;
            for (int i = 0; i < v.length; i += 17) {
                double[] plus = v.clone();
                double[] minus = v.clone();
                plus[i] += h;
                minus[i] -= h;
                double fd;
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    fd = (penalty(autograd, pipe, x, manager.create(plus, w.getShape())).getDouble()
                            - penalty(autograd, pipe, x, manager.create(minus, w.getShape())).getDouble()) / (2 * h);
                }
                worst = Math.max(worst, Math.abs(fd - grad[i]));
            }
            assertThat(w.getGradient().abs().sum().getDouble()).isGreaterThan(0.1).isFinite();
            assertThat(worst).isLessThan(1e-6);
        }
    }

    private static NDArray penalty(AutogradGrad autograd, AugmentPipe pipe, NDArray x, NDArray w) {
        NDArray y = pipe.forward(x, new Random(11)).square().mul(w).sum();
        return autograd.grad(y, x).square().sum();
    }

    /**
     * Only isotropic scaling at p = 1: a centred disk's area grows by s^2 for the drawn s
     * (G_inv = scale_inv(s, s) magnifies by s), so the image statistics change.
     */
    @Test
    void scalingAtFullStrengthChangesImageStatistics() {
        int size = 32;
        int batch = 6;
        float[] disk = new float[batch * 3 * size * size];
        double radius = 7;
        for (int i = 0; i < disk.length; i++) {
            int r = (i / size) % size;
            int c = i % size;
            disk[i] = Math.hypot(r - 15.5, c - 15.5) < radius ? 1 : -1;
        }
        NDArray x = manager.create(disk, new Shape(batch, 3, size, size));
        AugmentPipe pipe = new AugmentPipe(AugmentConfig.none().withGeometry(1, 0, 0, 0), 1);
        NDArray y = pipe.forward(x, new Random(12));
        Random same = new Random(12);
        double areaIn = Math.PI * radius * radius;
        int changed = 0;
        for (int n = 0; n < batch; n++) {
            double s = 1 / pipe.geometryMatrix(same, 1, size, size)[0][0];
            // bright area from the mean: mean = (2 * area - size^2) / size^2
            double mean = y.get(n).mean().getFloat();
            double area = (mean + 1) / 2 * size * size;
            assertThat(area / areaIn).isCloseTo(s * s, within(0.1 * s * s));
            changed += Math.abs(s - 1) > 0.05 ? 1 : 0;
        }
        assertThat(changed).isGreaterThan(2);
        assertThat(maxAbs(x.reshape(batch, -1).mean(new int[] {1}), y.reshape(batch, -1).mean(new int[] {1}))).isGreaterThan(0.05);
    }

    /** Pre- and post-rotation each fire with 1 - sqrt(1 - p), so some rotation happens with probability p. */
    @Test
    void rotationFiresWithProbabilityP() {
        AugmentPipe pipe = new AugmentPipe(AugmentConfig.none().withGeometry(0, 1, 0, 0), 0.4);
        Random random = new Random(13);
        int rotated = 0;
        int trials = 4000;
        for (int i = 0; i < trials; i++) {
            rotated += GeometryMatrices.isIdentity(pipe.geometryMatrix(random, pipe.p(), 8, 8)) ? 0 : 1;
        }
        assertThat(rotated / (double) trials).isCloseTo(0.4, within(0.03));
    }

    @Test
    void strengthZeroLeavesImagesUnchangedWithGeometry() {
        NDArray x = images(4, 8, 8, 14, DataType.FLOAT32);
        AugmentPipe pipe = new AugmentPipe(AugmentConfig.bgc(), 0);
        assertThat(pipe.forward(x, new Random(15)).toFloatArray()).isEqualTo(x.toFloatArray());
    }
}
