package org.lesionsim.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.lesionsim.imaging.mask.BinaryMask;
import org.lesionsim.metrics.abcd.Quantiles;

/**
 * Prints timings of the metrics at their production sizes: FID and KID on 2048-d (Inception pool)
 * features, SWD and MS-SSIM on 64×64 / 128×128 images. Not a test. Run, e.g.:
 * <pre>java -cp image-metrics/target/classes:image-metrics/target/test-classes:core/target/classes:$(deps) org.lesionsim.metrics.MetricsBenchmark [dim] [n]</pre>
 */
public final class MetricsBenchmark {
    private MetricsBenchmark() {
    }

    public static void main(String[] args) {
        int dim = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Random random = new Random(1);
        List<float[]> real = features(n, dim, 0.0, random);
        List<float[]> fake = features(n, dim, 0.05, random);

        long t0 = System.nanoTime();
        GaussianStats a = GaussianStats.of(real);
        GaussianStats b = GaussianStats.of(fake);
        double[][] covA = a.covariance();
        double[][] covB = b.covariance();
        long t1 = System.nanoTime();
        FrechetDistance.Result fid = FrechetDistance.between(a.mean(), covA, b.mean(), covB);
        long t2 = System.nanoTime();
        System.out.printf("GaussianStats, 2 × %d vectors of %d: %.1f s%n", n, dim, (t1 - t0) / 1e9);
        System.out.printf("Fréchet distance d=%d: %.1f s  (d²=%.4f, clamped eigenvalues %d, most negative/largest %.1e, eps %s)%n",
                dim, (t2 - t1) / 1e9, fid.distance(), fid.clampedEigenvalues(), fid.mostNegativeRelative(), fid.regularisationEps());

        long t3 = System.nanoTime();
        KernelInceptionDistance.Result kid = KernelInceptionDistance.withDefaults(1).between(real, fake);
        long t4 = System.nanoTime();
        System.out.printf("KID 100 subsets of %d, d=%d: %.1f s  (%.5f ± %.5f)%n", kid.subsetSize(), dim, (t4 - t3) / 1e9, kid.mean(), kid.std());

        for (int side : new int[] {64, 128}) {
            List<PlanarImage> x = new ArrayList<>();
            List<PlanarImage> y = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                x.add(TestImages.textured(3, side, side, random));
                y.add(TestImages.withNoise(TestImages.textured(3, side, side, random), 0.05, random));
            }
            long t5 = System.nanoTime();
            SlicedWassersteinDistance.Result swd = new SlicedWassersteinDistance().between(x, y, 1);
            long t6 = System.nanoTime();
            MsSsim msSsim = MsSsim.forSmallerSide(side);
            double sum = 0;
            for (int i = 0; i < x.size(); i++) {
                sum += msSsim.compute(x.get(i), y.get(i));
            }
            long t7 = System.nanoTime();
            System.out.printf("SWD 64 vs 64 images %d²: %.1f s (avg ×1e3 %.2f); MS-SSIM (%d scales): %.2f ms per pair%n",
                    side, (t6 - t5) / 1e9, swd.averageX1e3(), msSsim.scales(), (t7 - t6) / 1e6 / x.size());

            // A progression's structural scores, as the metrics worker computes them: 8 frames against frame 0,
            // MS-SSIM and SSIM pairwise (both from scratch) against one MsSsim.Reference (frame 0's statistics once).
            List<PlanarImage> frames = y.subList(0, 8);
            Ssim ssim = new Ssim();
            long pairwise = Long.MAX_VALUE;
            long referenced = Long.MAX_VALUE;
            for (int round = 0; round < 40; round++) { // alternating, best of 40 each: JIT and cache warm for both
                long p0 = System.nanoTime();
                for (PlanarImage f : frames) {
                    sum += msSsim.compute(x.get(0), f) + ssim.compute(x.get(0), f);
                }
                long p1 = System.nanoTime();
                MsSsim.Reference reference = msSsim.reference(x.get(0));
                for (PlanarImage f : frames) {
                    MsSsim.Score score = reference.compare(f);
                    sum += score.msSsim() + score.ssim();
                }
                long p2 = System.nanoTime();
                pairwise = Math.min(pairwise, p1 - p0);
                referenced = Math.min(referenced, p2 - p1);
            }
            System.out.printf("MS-SSIM + SSIM of 8 frames %d² against frame 0: pairwise %.2f ms, one reference %.2f ms (%.2f×)%s%n",
                    side, pairwise / 1e6, referenced / 1e6, (double) pairwise / referenced, sum == 0 ? " " : "");

            // The skin's median L*, a*, b* (SkinColourShift, per frame): a sorted copy against quickselect.
            float[] plane = Arrays.copyOf(x.get(1).values(), side * side); // one channel
            boolean[] skin = new boolean[side * side];
            for (int i = 0; i < skin.length; i++) {
                skin[i] = random.nextInt(10) < 7; // about the skin's share of a dermoscopic field
            }
            BinaryMask mask = new BinaryMask(side, side, skin);
            long sorting = Long.MAX_VALUE;
            long selecting = Long.MAX_VALUE;
            double medians = 0;
            for (int round = 0; round < 200; round++) {
                long m0 = System.nanoTime();
                medians += sortedMedian(plane, mask);
                long m1 = System.nanoTime();
                medians -= Quantiles.median(plane, mask);
                long m2 = System.nanoTime();
                sorting = Math.min(sorting, m1 - m0);
                selecting = Math.min(selecting, m2 - m1);
            }
            System.out.printf("median of %d masked values (%d²): sorted copy %.1f µs, Quantiles.median %.1f µs (%.2f×), %s%n",
                    mask.area(), side, sorting / 1e3, selecting / 1e3, (double) sorting / selecting,
                    medians == 0 ? "same values" : "VALUES DIFFER");
        }
    }

    private static double sortedMedian(float[] plane, BinaryMask within) {
        float[] values = new float[within.area()];
        int n = 0;
        for (int i = 0; i < plane.length; i++) {
            if (within.get(i)) {
                values[n++] = plane[i];
            }
        }
        Arrays.sort(values);
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    private static List<float[]> features(int n, int dim, double shift, Random random) {
        // non-negative, correlated, like post-ReLU pool features
        float[] common = new float[dim];
        for (int k = 0; k < dim; k++) {
            common[k] = (float) Math.abs(random.nextGaussian());
        }
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[dim];
            double z = random.nextGaussian();
            for (int k = 0; k < dim; k++) {
                x[k] = (float) Math.max(0.0, shift + 0.3 * common[k] * (1 + 0.5 * z) + 0.3 * random.nextGaussian());
            }
            out.add(x);
        }
        return out;
    }
}
