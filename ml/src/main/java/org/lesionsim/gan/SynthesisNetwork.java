package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * W+ to image ({@code networks.py: SynthesisNetwork}): blocks {@code b4 ... b<resolution>}, block
 * {@code i} reading ws {@code [w_idx, w_idx + num_conv + num_torgb)} and advancing
 * {@code w_idx} by its {@code num_conv}, so each toRGB shares its w with the next block's first conv.
 * Input {@code [N, num_ws, w_dim]}, output {@code [N, img_channels, resolution, resolution]}.
 */
public final class SynthesisNetwork {
    private final Map<Integer, SynthesisBlock> blocks = new LinkedHashMap<>();
    private final int numWs;
    private final int wDim;

    public SynthesisNetwork(StateDict params, String name, GeneratorConfig config) {
        this.wDim = config.wDim();
        int numWs = 0;
        for (int res : config.blockResolutions()) {
            int in = res > 4 ? config.channels(res / 2) : 0;
            SynthesisBlock block = new SynthesisBlock(params, name + ".b" + res, in, config.channels(res), config.wDim(),
                    res, config.imgChannels(), Upfirdn2d.DEFAULT_TAPS, config.convClamp(), config.fp16Block(res));
            numWs += block.numConv();
            if (res == config.resolution()) {
                numWs += 1; // the last block's toRGB
            }
            blocks.put(res, block);
        }
        this.numWs = numWs;
    }

    /**
     * @param ws    {@code [N, num_ws, w_dim]}
     * @param fused per-sample grouped convolutions, or activation scaling around shared ones
     * @param precision which of the configured FP16 blocks compute in FP16; the image is FP32
     */
    public NDArray forward(NDArray ws, NoiseMode noiseMode, boolean fused, Precision precision) {
        if (ws.getShape().dimension() != 3 || ws.getShape().get(1) != numWs || ws.getShape().get(2) != wDim) {
            throw new IllegalArgumentException("ws must be [N, " + numWs + ", " + wDim + "], got " + ws.getShape());
        }
        NDArray x = null;
        NDArray img = null;
        int wIdx = 0;
        for (SynthesisBlock block : blocks.values()) {
            NDArray blockWs = ws.get(":, {}:{}", wIdx, wIdx + block.numConv() + 1);
            wIdx += block.numConv();
            NDArray[] out = block.forward(x, img, blockWs, noiseMode, fused, precision);
            x = out[0];
            img = out[1];
        }
        return img;
    }

    public int numWs() {
        return numWs;
    }

    /** Blocks by resolution, 4 first. */
    public Map<Integer, SynthesisBlock> blocks() {
        return java.util.Collections.unmodifiableMap(blocks);
    }
}
