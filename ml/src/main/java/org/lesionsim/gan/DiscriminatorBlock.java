package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One resolution of the discriminator, {@code resnet} architecture ({@code networks.py:
 * DiscriminatorBlock}): the top block first maps the image to features ({@code fromrgb}, 1x1);
 * then {@code conv0} (3x3) and {@code conv1} (3x3, FIR downsampling by 2) form the main branch and
 * {@code skip} (1x1, FIR downsampling by 2, no bias) the shortcut, both scaled by sqrt(0.5) so
 * their sum keeps unit variance. Output {@code [N, out, res / 2, res / 2]}.
 */
public final class DiscriminatorBlock {
    private static final double RESIDUAL_GAIN = Math.sqrt(0.5);

    private final Conv2dLayer fromrgb;
    private final Conv2dLayer conv0;
    private final Conv2dLayer conv1;
    private final Conv2dLayer skip;
    private final boolean fp16;

    /**
     * @param name       official prefix, e.g. {@code b64}
     * @param inChannels 0 for the top block (fed the image), else {@code tmpChannels}
     */
    public DiscriminatorBlock(StateDict params, String name, int inChannels, int tmpChannels, int outChannels,
            int imgChannels, float[] filterTaps, Float convClamp, boolean fp16) {
        this.fp16 = fp16;
        if (inChannels != 0 && inChannels != tmpChannels) {
            throw new IllegalArgumentException("in_channels must be 0 or tmp_channels");
        }
        // used by the 'skip' architecture only; kept so that the tensor names are the official ones
        Upfirdn2d.requireSeparableFilter(params.buffer(name + ".resample_filter", new Shape(filterTaps.length, filterTaps.length),
                StateDict.Init.values(Upfirdn2d.setupFilter(filterTaps))), filterTaps, name + ".resample_filter");
        Conv2dLayer.Options lrelu = Conv2dLayer.options().activation(ActivationFunction.LRELU).resampleFilter(filterTaps)
                .convClamp(convClamp);
        this.fromrgb = inChannels == 0 ? new Conv2dLayer(params, name + ".fromrgb", imgChannels, tmpChannels, 1, lrelu) : null;
        this.conv0 = new Conv2dLayer(params, name + ".conv0", tmpChannels, tmpChannels, 3, lrelu);
        this.conv1 = new Conv2dLayer(params, name + ".conv1", tmpChannels, outChannels, 3, lrelu.down(2));
        this.skip = new Conv2dLayer(params, name + ".skip", tmpChannels, outChannels, 1,
                Conv2dLayer.options().bias(false).down(2).resampleFilter(filterTaps));
    }

    /**
     * @param x   features from the block above, {@code null} for the top block
     * @param img the image, read by the top block only
     * @return features in the block's type (FP16 where {@code precision} runs this block in FP16)
     */
    public NDArray forward(NDArray x, NDArray img, Precision precision) {
        DataType type = precision.blockType(fp16, img);
        if (fromrgb != null) {
            x = fromrgb.forward(Precision.cast(img, type));
        } else {
            x = Precision.cast(x, type);
        }
        NDArray y = skip.forward(x, RESIDUAL_GAIN);
        x = conv0.forward(x);
        x = conv1.forward(x, RESIDUAL_GAIN);
        return y.add(x);
    }
}
