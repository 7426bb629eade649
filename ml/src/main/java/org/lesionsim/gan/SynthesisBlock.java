package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One resolution of the synthesis network, {@code skip} architecture ({@code networks.py:
 * SynthesisBlock}). The 4x4 block starts from a learned constant and has one conv ({@code conv1});
 * the others upsample in {@code conv0} and refine in {@code conv1}. Every block adds its
 * {@code torgb} output to the FIR-upsampled image of the previous block.
 * Consumes {@code num_conv + num_torgb} ws: {@code [N, numConv() + 1, w_dim]}.
 */
public final class SynthesisBlock {
    private final NDArray constInput;
    private final SynthesisLayer conv0;
    private final SynthesisLayer conv1;
    private final ToRgbLayer torgb;
    private final float[] resampleTaps;
    private final int inChannels;
    private final int numConv;
    private final boolean fp16;

    /**
     * @param name       official prefix, e.g. {@code synthesis.b64}
     * @param inChannels channels of the previous block, 0 = first block (learned constant)
     * @param fp16       an FP16 block ({@code use_fp16}) where {@link Precision} allows it
     */
    public SynthesisBlock(StateDict params, String name, int inChannels, int outChannels, int wDim, int resolution,
            int imgChannels, float[] filterTaps, Float convClamp, boolean fp16) {
        this.inChannels = inChannels;
        this.fp16 = fp16;
        this.resampleTaps = filterTaps.clone();
        Upfirdn2d.requireSeparableFilter(params.buffer(name + ".resample_filter", new Shape(filterTaps.length, filterTaps.length),
                StateDict.Init.values(Upfirdn2d.setupFilter(filterTaps))), filterTaps, name + ".resample_filter");
        this.constInput = inChannels == 0
                ? params.parameter(name + ".const", new Shape(outChannels, resolution, resolution), StateDict.Init.normal(1.0))
                : null;
        SynthesisLayer.Options layerOptions = SynthesisLayer.options().resampleFilter(filterTaps).convClamp(convClamp);
        this.conv0 = inChannels == 0 ? null
                : new SynthesisLayer(params, name + ".conv0", inChannels, outChannels, wDim, resolution, layerOptions.up(2));
        this.conv1 = new SynthesisLayer(params, name + ".conv1", outChannels, outChannels, wDim, resolution, layerOptions);
        this.torgb = new ToRgbLayer(params, name + ".torgb", outChannels, imgChannels, wDim, 1, convClamp);
        this.numConv = inChannels == 0 ? 1 : 2;
    }

    /**
     * @param x   features of the previous block, {@code null} for the first
     * @param img image of the previous block, {@code null} for the first
     * @param ws  {@code [N, numConv() + 1, w_dim]}
     * @return {@code {x, img}} at this block's resolution: x in the block's type, img in FP32
     */
    public NDArray[] forward(NDArray x, NDArray img, NDArray ws, NoiseMode noiseMode, boolean fused, Precision precision) {
        DataType type = precision.blockType(fp16, ws);
        long batch = ws.getShape().get(0);
        // As the reference: per-sample grouped convolutions only in FP32, or for a single sample.
        fused = fused && (type != DataType.FLOAT16 || batch == 1);
        int wIdx = 0;
        if (inChannels == 0) {
            x = Precision.cast(StepArrays.view(ws, constInput).expandDims(0).tile(new long[] {batch, 1, 1, 1}), type);
            x = conv1.forward(x, w(ws, wIdx++), noiseMode, fused, 1.0);
        } else {
            x = conv0.forward(Precision.cast(x, type), w(ws, wIdx++), noiseMode, fused, 1.0);
            x = conv1.forward(x, w(ws, wIdx++), noiseMode, fused, 1.0);
        }

        if (img != null) {
            img = Upfirdn2d.upsample2d(img, resampleTaps);
        }
        NDArray y = Precision.like(torgb.forward(x, w(ws, wIdx), fused), ws); // the image stays in the styles' type
        img = img == null ? y : img.add(y);
        return new NDArray[] {x, img};
    }

    private static NDArray w(NDArray ws, int idx) {
        return ws.get(":, {}", idx);
    }

    /** Conv layers in this block: 1 for the first, else 2. */
    public int numConv() {
        return numConv;
    }

    /** {@code conv0} (null in the first block). */
    public SynthesisLayer conv0() {
        return conv0;
    }

    public SynthesisLayer conv1() {
        return conv1;
    }

    public ToRgbLayer torgb() {
        return torgb;
    }
}
