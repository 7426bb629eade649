package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.gan.StateDict;

/**
 * The IR-SE ResNet trunk of e4e ({@code Encoder4Editing.input_layer} and {@code .body}): input
 * layer 3x3 conv (no bias), BN, PReLU; then four stages of {@link BottleneckIrSe} units, each stage
 * halving the side. In: images {@code [N, 3, R, R]}. Out: the feature maps the reference taps,
 * {@code c1} (end of stage 2, {@code [N, widths[1], R/4, R/4]}), {@code c2} (end of stage 3, R/8) and
 * {@code c3} (end of stage 4, R/16): the reference's body indices 6, 20 and 23 for IR-SE-50.
 */
public final class IrSeBackbone {
    private final PlainConv2d inputConv;
    private final BatchNorm2d inputBn;
    private final Prelu inputPrelu;
    private final List<BottleneckIrSe> body = new ArrayList<>();
    private final int c1Index;
    private final int c2Index;

    public IrSeBackbone(StateDict params, BackboneConfig config) {
        int in = config.inputChannels();
        inputConv = new PlainConv2d(params, "input_layer.0", 3, in, PlainConv2d.kernel(3).padding(1).bias(false));
        inputBn = new BatchNorm2d(params, "input_layer.1", in);
        inputPrelu = new Prelu(params, "input_layer.2", in);
        int index = 0;
        for (int stage = 0; stage < 4; stage++) {
            int depth = config.widths().get(stage);
            for (int u = 0; u < config.units().get(stage); u++) {
                body.add(new BottleneckIrSe(params, "body." + index, in, depth, u == 0 ? 2 : 1));
                in = depth;
                index++;
            }
        }
        List<Integer> units = config.units();
        this.c1Index = units.get(0) + units.get(1) - 1;
        this.c2Index = c1Index + units.get(2);
    }

    /** The three tapped feature maps, shallowest first. */
    public Features forward(NDArray images, boolean training) {
        NDArray x = inputPrelu.forward(inputBn.forward(inputConv.forward(images), training));
        NDArray c1 = null;
        NDArray c2 = null;
        for (int i = 0; i < body.size(); i++) {
            x = body.get(i).forward(x, training);
            if (i == c1Index) {
                c1 = x;
            } else if (i == c2Index) {
                c2 = x;
            }
        }
        return new Features(c1, c2, x);
    }

    /** {@code c1} finest (R/4), {@code c2} (R/8), {@code c3} coarsest (R/16). */
    public record Features(NDArray c1, NDArray c2, NDArray c3) {
    }
}
