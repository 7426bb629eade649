package org.lesionsim.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Sliced Wasserstein distance between the local image statistics of two image sets, the ProGAN
 * metric (Karras et al. 2018, {@code metrics/sliced_wasserstein.py}):
 * <ol>
 *   <li>each image is split into a Laplacian pyramid whose levels run from the full resolution
 *       down to 16×16 (the last level is the 16×16 Gaussian level itself; 5-tap binomial filter with
 *       mirrored borders, as {@code cv2.pyrDown/pyrUp});</li>
 *   <li>per level, 128 random 7×7 neighbourhoods per image become descriptors of C·49 values;</li>
 *   <li>each descriptor set is normalised by its own per-channel mean and standard deviation
 *       (over all descriptors and the 49 positions);</li>
 *   <li>SWD = mean over 4 repeats × 128 random unit directions (512 projections in all, as in the
 *       reference code and the paper) of the mean |difference| between the sorted projections.</li>
 * </ol>
 * In: two equally large lists of {@link PlanarImage} of one shape (sides divisible by 2^(levels−1)).
 * Out: a {@link Result} with one distance per level and their mean, <b>multiplied by 10³</b>, as
 * the reference reports them ({@code SWDx1e3_<res>}, {@code SWDx1e3_avg}). The input scale does not
 * matter: the per-set normalisation removes it. Because of that normalisation a global brightness
 * or contrast change alone is not seen; that is the metric as published.
 */
public final class SlicedWassersteinDistance {
    public static final int PATCH_SIZE = 7;
    public static final int PATCHES_PER_IMAGE = 128;
    public static final int DIRECTION_REPEATS = 4;
    public static final int DIRECTIONS_PER_REPEAT = 128;
    public static final int SMALLEST_RESOLUTION = 16;

    private static final float[] BINOMIAL_5 = {1 / 16f, 4 / 16f, 6 / 16f, 4 / 16f, 1 / 16f};
    /** Directions projected together: keeps the descriptor row in cache, bounds the projection buffers. */
    private static final int DIRECTION_BLOCK = 32;

    /**
     * @param resolutions  level resolutions (image height at that level), finest first
     * @param levelsX1e3   SWD per level × 10³
     * @param averageX1e3  mean over levels × 10³
     */
    public record Result(int[] resolutions, double[] levelsX1e3, double averageX1e3) {
    }

    /** Normalised neighbourhood descriptors of one image set, per pyramid level. */
    public static final class Descriptors {
        private final int[] resolutions;
        private final int count;
        private final int dimension;
        private final float[][] levels;

        private Descriptors(int[] resolutions, int count, int dimension, float[][] levels) {
            this.resolutions = resolutions;
            this.count = count;
            this.dimension = dimension;
            this.levels = levels;
        }

        public int[] resolutions() {
            return resolutions.clone();
        }

        /** Descriptors per level. */
        public int count() {
            return count;
        }
    }

    private final int patchesPerImage;
    private final int directionRepeats;
    private final int directionsPerRepeat;

    /** The reference's settings. */
    public SlicedWassersteinDistance() {
        this(PATCHES_PER_IMAGE, DIRECTION_REPEATS, DIRECTIONS_PER_REPEAT);
    }

    public SlicedWassersteinDistance(int patchesPerImage, int directionRepeats, int directionsPerRepeat) {
        if (patchesPerImage < 1 || directionRepeats < 1 || directionsPerRepeat < 1) {
            throw new IllegalArgumentException("patches, repeats and directions must be positive");
        }
        this.patchesPerImage = patchesPerImage;
        this.directionRepeats = directionRepeats;
        this.directionsPerRepeat = directionsPerRepeat;
    }

    /** Describes both sets (neighbourhoods drawn with seeds {@code seed} and {@code seed + 1}) and compares them. */
    public Result between(List<PlanarImage> a, List<PlanarImage> b, long seed) {
        return distance(describe(a, seed), describe(b, seed + 1), seed + 2);
    }

    /** Descriptors of one set; reusable, e.g. for the real images across checkpoints. */
    public Descriptors describe(List<PlanarImage> images, long samplingSeed) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        PlanarImage first = images.get(0);
        int[] resolutions = resolutionsFor(first);
        int levels = resolutions.length;
        int channels = first.channels();
        int dimension = channels * PATCH_SIZE * PATCH_SIZE;
        int count = images.size() * patchesPerImage;
        float[][] out = new float[levels][count * dimension];
        Random random = new Random(samplingSeed);
        int row = 0;
        for (PlanarImage image : images) {
            first.requireSameShape(image);
            float[][][] pyramid = laplacianPyramid(image, levels);
            for (int p = 0; p < patchesPerImage; p++, row++) {
                for (int level = 0; level < levels; level++) {
                    int h = image.height() >> level;
                    int w = image.width() >> level;
                    int half = PATCH_SIZE / 2;
                    int cx = half + random.nextInt(w - 2 * half);
                    int cy = half + random.nextInt(h - 2 * half);
                    int o = row * dimension;
                    for (int c = 0; c < channels; c++) {
                        float[] plane = pyramid[level][c];
                        for (int dy = -half; dy <= half; dy++) {
                            int base = (cy + dy) * w + cx;
                            for (int dx = -half; dx <= half; dx++) {
                                out[level][o++] = plane[base + dx];
                            }
                        }
                    }
                }
            }
        }
        for (float[] level : out) {
            normalisePerChannel(level, count, channels);
        }
        return new Descriptors(resolutions, count, dimension, out);
    }

    /** SWD per level between two described sets of equal size, directions drawn from {@code directionSeed}. */
    public Result distance(Descriptors a, Descriptors b, long directionSeed) {
        if (!Arrays.equals(a.resolutions, b.resolutions) || a.dimension != b.dimension) {
            throw new IllegalArgumentException("descriptor sets come from differently shaped images: "
                    + Arrays.toString(a.resolutions) + " vs " + Arrays.toString(b.resolutions));
        }
        if (a.count != b.count) {
            throw new IllegalArgumentException("descriptor sets differ in size (" + a.count + " vs " + b.count + "): compare equally many images");
        }
        Random random = new Random(directionSeed);
        double[] distances = new double[a.resolutions.length];
        double sum = 0.0;
        for (int level = 0; level < distances.length; level++) {
            double repeats = 0.0;
            for (int r = 0; r < directionRepeats; r++) {
                repeats += slicedWasserstein(a.levels[level], b.levels[level], a.count, a.dimension,
                        randomUnitDirections(directionsPerRepeat, a.dimension, random));
            }
            distances[level] = repeats / directionRepeats * 1e3;
            sum += distances[level];
        }
        return new Result(a.resolutions.clone(), distances, sum / distances.length);
    }

    static int[] resolutionsFor(PlanarImage image) {
        int levels = 0;
        for (int res = image.height(); res >= SMALLEST_RESOLUTION; res /= 2) {
            levels++;
        }
        if (levels == 0) {
            throw new IllegalArgumentException("image height " + image.height() + " is below the smallest level, " + SMALLEST_RESOLUTION);
        }
        int divisor = 1 << (levels - 1);
        if (image.height() % divisor != 0 || image.width() % divisor != 0 || (image.width() / divisor) < PATCH_SIZE) {
            throw new IllegalArgumentException("image " + image.height() + "×" + image.width() + " does not halve evenly into "
                    + levels + " pyramid levels down to " + SMALLEST_RESOLUTION);
        }
        int[] resolutions = new int[levels];
        for (int i = 0; i < levels; i++) {
            resolutions[i] = image.height() >> i;
        }
        return resolutions;
    }

    /** [level][channel][y·w + x]; every level but the last is band-pass (G_i − up(G_{i+1})). */
    static float[][][] laplacianPyramid(PlanarImage image, int levels) {
        int channels = image.channels();
        float[][][] pyramid = new float[levels][channels][];
        for (int c = 0; c < channels; c++) {
            int h = image.height();
            int w = image.width();
            float[] gaussian = Arrays.copyOfRange(image.values(), c * h * w, (c + 1) * h * w);
            for (int level = 0; level < levels - 1; level++) {
                float[] down = pyrDown(gaussian, h, w);
                float[] up = pyrUp(down, h / 2, w / 2);
                for (int i = 0; i < gaussian.length; i++) {
                    gaussian[i] -= up[i];
                }
                pyramid[level][c] = gaussian;
                gaussian = down;
                h /= 2;
                w /= 2;
            }
            pyramid[levels - 1][c] = gaussian;
        }
        return pyramid;
    }

    /** Binomial blur with mirrored borders, then every second row and column. */
    static float[] pyrDown(float[] plane, int h, int w) {
        float[] blurred = blur(plane, h, w, 1f);
        int oh = h / 2;
        int ow = w / 2;
        float[] out = new float[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                out[y * ow + x] = blurred[2 * y * w + 2 * x];
            }
        }
        return out;
    }

    /** Zeros inserted between samples, then the binomial blur ×4 (2 per axis) to keep the mean. */
    static float[] pyrUp(float[] plane, int h, int w) {
        int oh = 2 * h;
        int ow = 2 * w;
        float[] spread = new float[oh * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                spread[2 * y * ow + 2 * x] = plane[y * w + x];
            }
        }
        return blur(spread, oh, ow, 2f);
    }

    /** Separable 5-tap binomial filter, each pass scaled by {@code gain}; borders mirrored (…c b | a b c…). */
    private static float[] blur(float[] plane, int h, int w, float gain) {
        float[] rows = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0.0;
                for (int t = -2; t <= 2; t++) {
                    s += BINOMIAL_5[t + 2] * plane[y * w + mirror(x + t, w)];
                }
                rows[y * w + x] = (float) (s * gain);
            }
        }
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0.0;
                for (int t = -2; t <= 2; t++) {
                    s += BINOMIAL_5[t + 2] * rows[mirror(y + t, h) * w + x];
                }
                out[y * w + x] = (float) (s * gain);
            }
        }
        return out;
    }

    /** scipy.ndimage "mirror" / OpenCV BORDER_REFLECT_101. */
    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * (n - 1) - i;
        }
        return i;
    }

    /** Subtracts each channel's mean and divides by its (population) std over all descriptors and positions. */
    private static void normalisePerChannel(float[] descriptors, int count, int channels) {
        int area = PATCH_SIZE * PATCH_SIZE;
        int dimension = channels * area;
        for (int c = 0; c < channels; c++) {
            double sum = 0.0;
            double sumSq = 0.0;
            for (int n = 0; n < count; n++) {
                int o = n * dimension + c * area;
                for (int k = 0; k < area; k++) {
                    double v = descriptors[o + k];
                    sum += v;
                    sumSq += v * v;
                }
            }
            double values = (double) count * area;
            double mean = sum / values;
            double std = Math.sqrt(Math.max(sumSq / values - mean * mean, 0.0));
            // A flat channel (std 0) would divide by zero in the reference; leave it centred instead.
            double scale = std > 0 ? 1.0 / std : 1.0;
            for (int n = 0; n < count; n++) {
                int o = n * dimension + c * area;
                for (int k = 0; k < area; k++) {
                    descriptors[o + k] = (float) ((descriptors[o + k] - mean) * scale);
                }
            }
        }
    }

    private static double[][] randomUnitDirections(int count, int dimension, Random random) {
        double[][] dirs = new double[count][dimension];
        for (double[] dir : dirs) {
            double norm = 0.0;
            for (int k = 0; k < dimension; k++) {
                dir[k] = random.nextGaussian();
                norm += dir[k] * dir[k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < dimension; k++) {
                dir[k] /= norm;
            }
        }
        return dirs;
    }

    /** Mean over directions and neighbourhoods of |sorted projection of A − sorted projection of B|. */
    private static double slicedWasserstein(float[] a, float[] b, int count, int dimension, double[][] dirs) {
        double total = 0.0;
        for (int start = 0; start < dirs.length; start += DIRECTION_BLOCK) {
            int block = Math.min(DIRECTION_BLOCK, dirs.length - start);
            double[][] projA = project(a, count, dimension, dirs, start, block);
            double[][] projB = project(b, count, dimension, dirs, start, block);
            for (int d = 0; d < block; d++) {
                Arrays.sort(projA[d]);
                Arrays.sort(projB[d]);
                for (int n = 0; n < count; n++) {
                    total += Math.abs(projA[d][n] - projB[d][n]);
                }
            }
        }
        return total / ((double) count * dirs.length);
    }

    private static double[][] project(float[] descriptors, int count, int dimension, double[][] dirs, int start, int block) {
        // Directions transposed to [component][direction] so the innermost loop is an element-wise
        // multiply-add over the block, which the JIT vectorises (a dot-product reduction it does not).
        double[][] byComponent = new double[dimension][block];
        for (int d = 0; d < block; d++) {
            for (int k = 0; k < dimension; k++) {
                byComponent[k][d] = dirs[start + d][k];
            }
        }
        double[][] proj = new double[block][count];
        double[] acc = new double[block];
        for (int n = 0; n < count; n++) {
            Arrays.fill(acc, 0.0);
            int o = n * dimension;
            for (int k = 0; k < dimension; k++) {
                double v = descriptors[o + k];
                double[] component = byComponent[k];
                for (int d = 0; d < block; d++) {
                    acc[d] += v * component[d];
                }
            }
            for (int d = 0; d < block; d++) {
                proj[d][n] = acc[d];
            }
        }
        return proj;
    }
}
