package org.lesionsim.encoder;

import org.lesionsim.gan.GeneratorConfig;

/**
 * Architecture of an {@link E4eEncoder} ({@code psp_encoders.py: Encoder4Editing}, mode {@code ir_se}).
 *
 * <p>Input size: the reference resizes every image to 256x256; here the input is the generator's own
 * resolution {@code resolution}, so the three feature maps sit at {@code resolution / 16} (coarse,
 * {@code c3}), {@code / 8} ({@code p2}) and {@code / 4} ({@code p1}); at 256 these are the reference's
 * 16, 32 and 64.
 *
 * <p>Style split: style {@code i < coarseInd} reads the coarse map, {@code i < middleInd} the middle
 * one, the rest the fine one. The reference fixes {@code coarse_ind = 3}, {@code middle_ind = 7}
 * for every StyleGAN size: ws 0-2 drive the generator's 4-8 px layers, 3-6 its 16-32 px layers.
 * {@link #forGenerator} keeps that meaning for any {@code num_ws} (clamped to it), so at 256 and up the
 * split equals the reference's; at 32 px (8 ws) the fine map feeds only the last w.
 *
 * @param resolution input (and generator) resolution, a power of two >= 16
 * @param wDim       W dimensionality of the generator
 * @param numWs      number of ws of the generator ({@code style_count})
 * @param backbone   IR-SE depth and widths
 * @param coarseInd  first style read from the middle features
 * @param middleInd  first style read from the fine features
 */
public record EncoderConfig(int resolution, int wDim, int numWs, BackboneConfig backbone, int coarseInd, int middleInd) {
    /** The reference's {@code coarse_ind}. */
    public static final int REFERENCE_COARSE_IND = 3;
    /** The reference's {@code middle_ind}. */
    public static final int REFERENCE_MIDDLE_IND = 7;

    public EncoderConfig {
        if (resolution < 16 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException("resolution must be a power of two >= 16, got " + resolution);
        }
        if (wDim < 1 || numWs < 2) {
            throw new IllegalArgumentException("wDim >= 1 and numWs >= 2 required, got " + wDim + ", " + numWs);
        }
        if (coarseInd < 1 || coarseInd > middleInd || middleInd > numWs) {
            throw new IllegalArgumentException("need 1 <= coarseInd <= middleInd <= numWs, got " + coarseInd + ", "
                    + middleInd + ", " + numWs);
        }
    }

    /** An encoder for {@code generator} with {@code backbone}, the reference's style split. */
    public static EncoderConfig forGenerator(GeneratorConfig generator, BackboneConfig backbone) {
        int numWs = generator.numWs();
        return new EncoderConfig(generator.resolution(), generator.wDim(), numWs, backbone,
                Math.min(REFERENCE_COARSE_IND, numWs), Math.min(REFERENCE_MIDDLE_IND, numWs));
    }

    /** Side of the coarse feature map {@code c3} (16 at 256 px). */
    public int coarseSide() {
        return resolution / 16;
    }
}
