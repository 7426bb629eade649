package org.lesionsim.judge;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.lesionsim.gan.StepArrays;
import org.lesionsim.gan.training.Adam;

/**
 * Fits a {@link LesionClassifier} to labelled images: binary cross-entropy on the logit
 * ({@code softplus(z) - t z}, t = 1 for melanoma), Adam, minibatches in a seeded order, each image
 * shown under a random one of the 8 flips/quarter-turns of the square (a dermoscopy image has no
 * up or left, so these are free data). Every step allocates in its own sub-manager.
 */
public final class ClassifierTraining {

    /** @param epochs passes over the data; @param batch minibatch size; @param lr Adam's step */
    public record Options(int epochs, int batch, double lr, long seed) {
        public static Options standard() {
            return new Options(30, 32, 1e-3, 0);
        }
    }

    /** One labelled image: CHW floats in [-1, 1], melanoma or not. */
    public record Example(float[] chw, boolean melanoma) {
    }

    private ClassifierTraining() {
    }

    /** Hears each finished epoch (0-based) and its mean minibatch loss. */
    public interface EpochListener {
        void onEpoch(int epoch, double meanLoss);
    }

    /** Trains {@code net} in place; returns the last epoch's mean loss. */
    public static double fit(LesionClassifier net, List<Example> examples, Options options, NDManager parent,
                             EpochListener afterEpoch) {
        int res = net.config().resolution();
        int plane = res * res;
        net.stateDict().requireGradients();
        Random random = new Random(options.seed());
        double epochLoss = Double.NaN;
        try (NDManager manager = parent.newSubManager();
             Adam adam = new Adam(net.stateDict(), manager, options.lr(), 0.9, 0.999, 0)) {
            Engine engine = Engine.getInstance();
            int[] order = new int[examples.size()];
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                shuffle(order, random);
                double sum = 0;
                int batches = 0;
                for (int start = 0; start < order.length; start += options.batch()) {
                    int n = Math.min(options.batch(), order.length - start);
                    float[] x = new float[n * 3 * plane];
                    float[] t = new float[n];
                    for (int b = 0; b < n; b++) {
                        Example e = examples.get(order[start + b]);
                        Dihedral.apply(e.chw(), res, random.nextInt(8), x, b * 3 * plane);
                        t[b] = e.melanoma() ? 1f : 0f;
                    }
                    try (NDManager step = manager.newSubManager()) {
                        NDArray images = step.create(x, new Shape(n, 3, res, res));
                        NDArray targets = step.create(t, new Shape(n));
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray logits = net.forward(images);
                            NDArray loss = StepArrays.mul(Activation.softPlus(logits).sub(targets.mul(logits)).sum(), 1.0 / n);
                            collector.backward(loss);
                            sum += loss.getFloat();
                        }
                        adam.step(step);
                    }
                    batches++;
                }
                epochLoss = sum / batches;
                afterEpoch.onEpoch(epoch, epochLoss);
            }
        }
        return epochLoss;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** The 8 symmetries of the square on a CHW image: {@code k & 3} quarter-turns, then a mirror if {@code k >= 4}. */
    static final class Dihedral {
        private Dihedral() {
        }

        static void apply(float[] src, int side, int k, float[] dst, int offset) {
            int plane = side * side;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int sx = k >= 4 ? side - 1 - x : x;
                        int sy = y;
                        for (int r = 0; r < (k & 3); r++) { // rotate the source coordinate a quarter-turn
                            int nx = side - 1 - sy;
                            sy = sx;
                            sx = nx;
                        }
                        dst[offset + c * plane + y * side + x] = src[c * plane + sy * side + sx];
                    }
                }
            }
        }
    }
}
