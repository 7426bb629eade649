package org.lesionsim.gan.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * ADA's differentiable augmentation ({@code training/augment.py: AugmentPipe}): pixel blitting,
 * general geometric and colour groups. Every transform is applied to each image independently with
 * probability {@code multiplier * p}; {@code p = 0} returns the input unchanged. Gradients flow
 * through to the images, to second order (R1 on augmented reals), so generated images can be
 * augmented inside the generator's loss and real ones inside the R1 penalty.
 *
 * <p>Blits move whole pixels: flip, rotation by k * 90 degrees, integer translation with reflection
 * padding, in that order. General geometry is one 3x3 inverse matrix per image composed in the
 * reference order (isotropic scale, pre-rotation, anisotropic scale, post-rotation, fractional
 * translation) and executed by {@link GeometricResampler}: reflection padding, 2x sym6 upsampling,
 * bilinear sampling, 2x sym6 downsampling, as the reference. Colours are one 4x4 homogeneous matrix
 * per image acting on RGB in [-1, 1], composed in the reference order brightness, contrast, luma
 * flip, hue, saturation. Random parameters come from the caller's {@link Random}, drawn per image in
 * the reference's order (value first, then whether it fires).
 *
 * <p>Where it differs from the reference: the reference folds the blits into the same matrix and
 * resamples once; here blits are exact pixel moves done first, and the geometric resampling then
 * reflects the blitted image at its border (the reference reflects the original), which changes
 * only the reflected border content of translated images. The reference resamples whenever the
 * geometric group is configured; here a batch in which no image drew a geometric transform is not
 * resampled (the resampling of an identity is the identity up to float rounding anyway, see the
 * tests).
 *
 * <p>Input {@code [N, 3, H, W]} (square when rotating by 90), output the same shape on the input's
 * manager.
 */
public final class AugmentPipe {
    private static final double[] LUMA = {1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)};

    private final AugmentConfig config;
    private volatile double p;

    public AugmentPipe(AugmentConfig config, double p) {
        this.config = config;
        setP(p);
    }

    /** The overall augmentation strength ADA adjusts. */
    public double p() {
        return p;
    }

    public void setP(double p) {
        if (!(p >= 0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("p must be finite and >= 0, got " + p);
        }
        this.p = p;
    }

    public AugmentConfig config() {
        return config;
    }

    public NDArray forward(NDArray images, Random random) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("images must be [N, 3, H, W], got " + s);
        }
        int batch = (int) s.get(0);
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        double strength = p;
        if (strength == 0) {
            return images;
        }
        if (config.rotate90() > 0 && height != width) {
            throw new IllegalArgumentException("rotate90 needs square images, got " + height + "x" + width);
        }

        // Pixel blitting, per image: draw as the reference does, then apply.
        PixelBlit[] blits = new PixelBlit[batch];
        boolean anyBlit = false;
        for (int n = 0; n < batch; n++) {
            boolean flip = config.xflip() > 0 && chance(random, config.xflip() * strength) && random.nextBoolean();
            int quarterTurns = config.rotate90() > 0 && chance(random, config.rotate90() * strength) ? random.nextInt(4) : 0;
            int tx = 0;
            int ty = 0;
            if (config.xint() > 0 && chance(random, config.xint() * strength)) {
                tx = (int) Math.round((random.nextDouble() * 2 - 1) * config.xintMax() * width);
                ty = (int) Math.round((random.nextDouble() * 2 - 1) * config.xintMax() * height);
            }
            blits[n] = new PixelBlit(flip, quarterTurns, tx, ty);
            anyBlit |= !blits[n].isIdentity();
        }
        if (anyBlit) {
            NDList samples = new NDList(batch);
            for (int n = 0; n < batch; n++) {
                samples.add(blits[n].apply(images.get("{}:{}", n, n + 1)));
            }
            images = NDArrays.concat(samples, 0);
        }

        // General geometric transforms, one inverse matrix per image.
        if (config.hasGeometry()) {
            double[][][] geometry = new double[batch][][];
            boolean anyGeometry = false;
            for (int n = 0; n < batch; n++) {
                geometry[n] = geometryMatrix(random, strength, width, height);
                anyGeometry |= !GeometryMatrices.isIdentity(geometry[n]);
            }
            if (anyGeometry) {
                images = GeometricResampler.apply(images, geometry);
            }
        }

        // Colour transforms, one matrix per image.
        double[][][] colour = new double[batch][][];
        boolean anyColour = false;
        for (int n = 0; n < batch; n++) {
            colour[n] = colourMatrix(random, strength);
            anyColour |= !isIdentity(colour[n]);
        }
        if (anyColour) {
            images = applyColour(images, colour);
        }
        return images;
    }

    /**
     * G_inv @ pixel_out ==> pixel_in, in pixels about the image centre, composed as the reference:
     * isotropic scaling, pre-rotation, anisotropic scaling, post-rotation, fractional translation.
     */
    double[][] geometryMatrix(Random random, double strength, int width, int height) {
        double[][] g = GeometryMatrices.identity();
        if (config.scale() > 0) {
            double s = Math.pow(2, random.nextGaussian() * config.scaleStd());
            if (chance(random, config.scale() * strength)) {
                g = GeometryMatrices.multiply(g, GeometryMatrices.scaleInv(s, s));
            }
        }
        // P(pre OR post) = rotate * p
        double pRot = 1 - Math.sqrt(Math.min(Math.max(1 - config.rotate() * strength, 0), 1));
        if (config.rotate() > 0) {
            double theta = (random.nextDouble() * 2 - 1) * Math.PI * config.rotateMax();
            if (chance(random, pRot)) {
                g = GeometryMatrices.multiply(g, GeometryMatrices.rotateInv(-theta)); // before anisotropic scaling
            }
        }
        if (config.aniso() > 0) {
            double s = Math.pow(2, random.nextGaussian() * config.anisoStd());
            if (chance(random, config.aniso() * strength)) {
                g = GeometryMatrices.multiply(g, GeometryMatrices.scaleInv(s, 1 / s));
            }
        }
        if (config.rotate() > 0) {
            double theta = (random.nextDouble() * 2 - 1) * Math.PI * config.rotateMax();
            if (chance(random, pRot)) {
                g = GeometryMatrices.multiply(g, GeometryMatrices.rotateInv(-theta)); // after anisotropic scaling
            }
        }
        if (config.xfrac() > 0) {
            double tx = random.nextGaussian() * config.xfracStd();
            double ty = random.nextGaussian() * config.xfracStd();
            if (chance(random, config.xfrac() * strength)) {
                g = GeometryMatrices.multiply(g, GeometryMatrices.translateInv(tx * width, ty * height));
            }
        }
        return g;
    }

    /** C @ colour_in ==> colour_out, composed as the reference: brightness, contrast, lumaflip, hue, saturation. */
    double[][] colourMatrix(Random random, double strength) {
        double[][] c = identity4();
        if (config.brightness() > 0) {
            double b = random.nextGaussian() * config.brightnessStd();
            if (chance(random, config.brightness() * strength)) {
                c = ColorMatrices.multiply(ColorMatrices.translate(b, b, b), c);
            }
        }
        if (config.contrast() > 0) {
            double k = Math.pow(2, random.nextGaussian() * config.contrastStd());
            if (chance(random, config.contrast() * strength)) {
                c = ColorMatrices.multiply(ColorMatrices.scale(k, k, k), c);
            }
        }
        if (config.lumaflip() > 0) {
            boolean flip = random.nextBoolean();
            if (chance(random, config.lumaflip() * strength) && flip) {
                c = ColorMatrices.multiply(ColorMatrices.householder(LUMA), c);
            }
        }
        if (config.hue() > 0) {
            double theta = (random.nextDouble() * 2 - 1) * Math.PI * config.hueMax();
            if (chance(random, config.hue() * strength)) {
                c = ColorMatrices.multiply(ColorMatrices.rotate(LUMA, theta), c);
            }
        }
        if (config.saturation() > 0) {
            double k = Math.pow(2, random.nextGaussian() * config.saturationStd());
            if (chance(random, config.saturation() * strength)) {
                c = ColorMatrices.multiply(ColorMatrices.saturate(LUMA, k), c);
            }
        }
        return c;
    }

    /** {@code images = C[:, :3, :3] @ images + C[:, :3, 3:]} over the flattened pixels. */
    private static NDArray applyColour(NDArray images, double[][][] colour) {
        Shape s = images.getShape();
        int batch = colour.length;
        float[] linear = new float[batch * 9];
        float[] offset = new float[batch * 3];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    linear[n * 9 + i * 3 + j] = (float) colour[n][i][j];
                }
                offset[n * 3 + i] = (float) colour[n][i][3];
            }
        }
        NDManager m = images.getManager();
        NDArray a = m.create(linear, new Shape(batch, 3, 3)).toType(images.getDataType(), false);
        NDArray t = m.create(offset, new Shape(batch, 3, 1)).toType(images.getDataType(), false);
        NDArray flat = images.reshape(batch, 3, s.get(2) * s.get(3));
        return a.matMul(flat).add(t).reshape(s);
    }

    private static boolean chance(Random random, double probability) {
        return random.nextDouble() < probability;
    }

    private static double[][] identity4() {
        return ColorMatrices.scale(1, 1, 1);
    }

    private static boolean isIdentity(double[][] c) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (c[i][j] != (i == j ? 1 : 0)) {
                    return false;
                }
            }
        }
        return true;
    }
}
