package org.lesionsim.gan;

/**
 * Architecture of a StyleGAN2-ADA discriminator ({@code training/networks.py: Discriminator}),
 * unconditional, with the {@code resnet} architecture the reference uses by default.
 *
 * @param resolution     input image size, a power of two in [8, 1024]
 * @param channelBase    channels at resolution r are {@code min(channelBase / r, channelMax)}
 * @param channelMax     maximum channels in any layer
 * @param imgChannels    colour channels of the input (3)
 * @param mbstdGroupSize minibatch-stddev group size; the batch size must be a multiple of
 *                       {@code min(mbstdGroupSize, batch)}
 * @param mbstdChannels  minibatch-stddev feature channels, 0 = no minibatch-stddev layer
 * @param convClamp      clamp of conv outputs to +-X, {@code null} = no clamping
 * @param numFp16Res     the N highest-resolution blocks that run in FP16 ({@code num_fp16_res}; 4 in
 *                       {@code train.py}'s presets, 0 = none); the epilogue always runs in FP32
 */
public record DiscriminatorConfig(
        int resolution,
        int channelBase,
        int channelMax,
        int imgChannels,
        int mbstdGroupSize,
        int mbstdChannels,
        Float convClamp,
        int numFp16Res) {

    public DiscriminatorConfig {
        GeneratorConfig.requirePowerOfTwoResolution(resolution);
        if (channelBase < 1 || channelMax < 1 || imgChannels < 1 || mbstdGroupSize < 1 || mbstdChannels < 0) {
            throw new IllegalArgumentException("invalid discriminator dimensions");
        }
        if (convClamp != null && !(convClamp > 0)) {
            throw new IllegalArgumentException("convClamp must be positive or null, got " + convClamp);
        }
        if (numFp16Res < 0) {
            throw new IllegalArgumentException("numFp16Res must be >= 0, got " + numFp16Res);
        }
    }

    /** All blocks in FP32 ({@code num_fp16_res = 0}). */
    public DiscriminatorConfig(int resolution, int channelBase, int channelMax, int imgChannels, int mbstdGroupSize,
            int mbstdChannels, Float convClamp) {
        this(resolution, channelBase, channelMax, imgChannels, mbstdGroupSize, mbstdChannels, convClamp, 0);
    }

    /** Whether the block reading resolution {@code res} runs in FP16 (as {@link GeneratorConfig#fp16Block}). */
    public boolean fp16Block(int res) {
        return res >= GeneratorConfig.fp16Resolution(resolution, numFp16Res);
    }

    /** Counterpart of {@link GeneratorConfig#cpu(int)}: channels <= 128, mbstd group 4. */
    public static DiscriminatorConfig cpu(int resolution) {
        return new DiscriminatorConfig(resolution, 4096, 128, 3, 4, 1, null);
    }

    /** {@code train.py --cfg=paper256}: channel_base 16384, mbstd group 8, conv_clamp 256, num_fp16_res 4. */
    public static DiscriminatorConfig paper256() {
        return new DiscriminatorConfig(256, 16384, 512, 3, 8, 1, 256f, 4);
    }

    /** {@code train.py --cfg=paper512}: channel_base 32768, mbstd group 8, conv_clamp 256, num_fp16_res 4. */
    public static DiscriminatorConfig paper512() {
        return new DiscriminatorConfig(512, 32768, 512, 3, 8, 1, 256f, 4);
    }

    /** {@code train.py --cfg=auto} on one GPU: mbstd group {@code min(batch, 4)}, conv_clamp 256, num_fp16_res 4. */
    public static DiscriminatorConfig auto(int resolution) {
        int channelBase = (int) ((resolution >= 512 ? 1.0 : 0.5) * 32768);
        int batch = Math.max(Math.min(Math.min(4096 / resolution, 32), 64), 1);
        return new DiscriminatorConfig(resolution, channelBase, 512, 3, Math.min(batch, 4), 1, 256f, 4);
    }

    /** {@code channels_dict[res] = min(channel_base // res, channel_max)}. */
    public int channels(int res) {
        return Math.min(channelBase / res, channelMax);
    }
}
