package org.lesionsim.gan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * Architecture of a StyleGAN2-ADA generator ({@code training/networks.py: Generator}), unconditional
 * ({@code c_dim = 0}) with the {@code skip} synthesis architecture. Everything needed to rebuild the
 * network from a checkpoint is here; training options live elsewhere.
 *
 * @param resolution      output image size, a power of two in [8, 1024]
 * @param zDim            input latent (Z) dimensionality
 * @param wDim            intermediate latent (W) dimensionality
 * @param mappingLayers   number of fully connected mapping layers ({@code map} in {@code train.py})
 * @param channelBase     overall channel multiplier: channels at resolution r are {@code min(channelBase / r, channelMax)}
 * @param channelMax      maximum channels in any layer
 * @param imgChannels     colour channels of the output (3)
 * @param convClamp       clamp of conv outputs to +-X, {@code null} = no clamping (the reference uses 256)
 * @param mappingLrMultiplier learning-rate multiplier of the mapping layers (0.01)
 * @param wAvgBeta        decay of the moving average of W used for truncation (0.995)
 * @param numFp16Res      the N highest-resolution blocks that run in FP16 ({@code num_fp16_res}; 4 in
 *                        {@code train.py}'s presets, 0 = none); only where {@link Precision} allows it
 */
public record GeneratorConfig(
        int resolution,
        int zDim,
        int wDim,
        int mappingLayers,
        int channelBase,
        int channelMax,
        int imgChannels,
        Float convClamp,
        float mappingLrMultiplier,
        float wAvgBeta,
        int numFp16Res) {

    public GeneratorConfig {
        requirePowerOfTwoResolution(resolution);
        if (zDim < 1 || wDim < 1 || mappingLayers < 1 || channelBase < 1 || channelMax < 1 || imgChannels < 1) {
            throw new IllegalArgumentException("dimensions must be positive: " + zDim + ", " + wDim + ", "
                    + mappingLayers + ", " + channelBase + ", " + channelMax + ", " + imgChannels);
        }
        if (convClamp != null && !(convClamp > 0)) {
            throw new IllegalArgumentException("convClamp must be positive or null, got " + convClamp);
        }
        if (!(mappingLrMultiplier > 0) || !(wAvgBeta >= 0 && wAvgBeta < 1)) {
            throw new IllegalArgumentException("mappingLrMultiplier > 0 and 0 <= wAvgBeta < 1 required");
        }
        if (numFp16Res < 0) {
            throw new IllegalArgumentException("numFp16Res must be >= 0, got " + numFp16Res);
        }
    }

    /** All blocks in FP32 ({@code num_fp16_res = 0}, {@code train.py --fp32}). */
    public GeneratorConfig(int resolution, int zDim, int wDim, int mappingLayers, int channelBase, int channelMax,
            int imgChannels, Float convClamp, float mappingLrMultiplier, float wAvgBeta) {
        this(resolution, zDim, wDim, mappingLayers, channelBase, channelMax, imgChannels, convClamp, mappingLrMultiplier,
                wAvgBeta, 0);
    }

    /**
     * Small enough for 2 CPU cores (channels <= 128, 1.25 M parameters at 32x32, 1.4 M at 64x64): z = w = 128,
     * two mapping layers as {@code train.py --cfg=auto}, no clamping and no FP16 blocks (as {@code --fp32}).
     */
    public static GeneratorConfig cpu(int resolution) {
        return new GeneratorConfig(resolution, 128, 128, 2, 4096, 128, 3, null, 0.01f, 0.995f);
    }

    /** {@code train.py --cfg=paper256}: fmaps 0.5 (channel_base 16384), map 8, conv_clamp 256, num_fp16_res 4. */
    public static GeneratorConfig paper256() {
        return paper(256, 0.5);
    }

    /** {@code train.py --cfg=paper512}: fmaps 1 (channel_base 32768), map 8, conv_clamp 256, num_fp16_res 4. */
    public static GeneratorConfig paper512() {
        return paper(512, 1.0);
    }

    /** {@code train.py --cfg=auto}: fmaps 1 at 512 and above, else 0.5; map 2; conv_clamp 256; num_fp16_res 4. */
    public static GeneratorConfig auto(int resolution) {
        int channelBase = (int) ((resolution >= 512 ? 1.0 : 0.5) * 32768);
        return new GeneratorConfig(resolution, 512, 512, 2, channelBase, 512, 3, 256f, 0.01f, 0.995f, 4);
    }

    private static GeneratorConfig paper(int resolution, double fmaps) {
        return new GeneratorConfig(resolution, 512, 512, 8, (int) (fmaps * 32768), 512, 3, 256f, 0.01f, 0.995f, 4);
    }

    /** Block resolutions 4, 8, ..., resolution ({@code SynthesisNetwork.block_resolutions}). */
    @JsonIgnore
    public List<Integer> blockResolutions() {
        List<Integer> out = new ArrayList<>();
        for (int res = 4; res <= resolution; res *= 2) {
            out.add(res);
        }
        return out;
    }

    /** {@code channels_dict[res] = min(channel_base // res, channel_max)}. */
    public int channels(int res) {
        return Math.min(channelBase / res, channelMax);
    }

    /**
     * Number of W vectors synthesis consumes: one per conv layer plus the last block's toRGB
     * ({@code num_ws = sum(block.num_conv) + last.num_torgb = 2 log2(resolution) - 2}).
     */
    @JsonIgnore
    public int numWs() {
        int numWs = 0;
        for (int res : blockResolutions()) {
            numWs += res == 4 ? 1 : 2;
        }
        return numWs + 1;
    }

    /** Whether the block at {@code res} is an FP16 block ({@code res >= fp16_resolution} in {@code SynthesisNetwork}). */
    public boolean fp16Block(int res) {
        return res >= fp16Resolution(resolution, numFp16Res);
    }

    /** {@code fp16_resolution = max(2 ** (log2(resolution) + 1 - num_fp16_res), 8)}: above every block when 0. */
    static int fp16Resolution(int resolution, int numFp16Res) {
        int log2 = Integer.numberOfTrailingZeros(resolution);
        return numFp16Res > log2 ? 8 : Math.max(1 << (log2 + 1 - numFp16Res), 8);
    }

    static void requirePowerOfTwoResolution(int resolution) {
        if (resolution < 8 || resolution > 1024 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException("resolution must be a power of two in [8, 1024], got " + resolution);
        }
    }
}
