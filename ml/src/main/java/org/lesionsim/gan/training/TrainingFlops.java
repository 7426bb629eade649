package org.lesionsim.gan.training;

import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.GeneratorConfig;

/**
 * Analytic floating-point operation counts (2 per multiply-add) of the convolutions and fully
 * connected layers of one image through the generator or the discriminator, from their configs,
 * as the reference computes them: upsampling convolutions as strided transposed convolutions (at
 * the input resolution), downsampling ones strided (at the output resolution). FIR filters,
 * activations, modulation and other elementwise work are not counted, so the figure is a lower
 * bound of the work done.
 */
public final class TrainingFlops {
    private TrainingFlops() {
    }

    /** Mapping, style affines, modulated 3x3 convs and toRGB 1x1 convs of one image. */
    public static double generatorForward(GeneratorConfig g) {
        double macs = (double) g.zDim() * g.wDim() + (double) (g.mappingLayers() - 1) * g.wDim() * g.wDim();
        int img = g.imgChannels();
        for (int res : g.blockResolutions()) {
            double out = g.channels(res);
            double pixels = (double) res * res;
            if (res == 4) {
                macs += g.wDim() * out + out * out * 9 * pixels;                 // conv1 (affine + conv)
            } else {
                double in = g.channels(res / 2);
                macs += g.wDim() * in + in * out * 9 * (pixels / 4);             // conv0: transposed, stride 2
                macs += g.wDim() * out + out * out * 9 * pixels;                 // conv1
            }
            macs += g.wDim() * out + out * img * pixels;                         // torgb
        }
        return 2 * macs;
    }

    /** fromRGB, the residual blocks (3x3, 3x3 stride 2, 1x1 skip stride 2) and the epilogue of one image. */
    public static double discriminatorForward(DiscriminatorConfig d) {
        double macs = (double) d.imgChannels() * d.channels(d.resolution()) * d.resolution() * d.resolution();
        for (int res = d.resolution(); res > 4; res /= 2) {
            double tmp = d.channels(res);
            double out = d.channels(res / 2);
            double pixels = (double) res * res;
            macs += tmp * tmp * 9 * pixels + tmp * out * 9 * (pixels / 4) + tmp * out * (pixels / 4);
        }
        double c4 = d.channels(4);
        macs += (c4 + d.mbstdChannels()) * c4 * 9 * 16 + c4 * 16 * c4 + c4;      // conv, fc, out
        return 2 * macs;
    }

    /**
     * One training step per image, backward passes taken as twice their forward: Gmain runs G and D
     * forward and back (3 + 3), Dmain G forward only (1) and D forward and back on fakes and reals
     * (3 + 3). The lazy R1 (one step in {@code r1Interval}) is left out.
     */
    public static double trainingStepPerImage(GeneratorConfig g, DiscriminatorConfig d) {
        return 4 * generatorForward(g) + 9 * discriminatorForward(d);
    }
}
