package org.lesionsim.metrics.lpips;

import java.util.ArrayList;
import java.util.List;

/**
 * The two LPIPS trunks, laid out exactly as torchvision's {@code alexnet().features} and
 * {@code vgg16().features}, cut where LPIPS's {@code pretrained_networks.py} cuts them: after the
 * ReLUs whose outputs it compares. Layers after the last tap are never run.
 */
public enum Backbone {
    /** ReLU outputs 1, 4, 7, 9, 11: 64, 192, 384, 256, 256 channels. */
    ALEX("alex", alexLayers()),
    /** relu1_2, relu2_2, relu3_3, relu4_3, relu5_3 (indices 3, 8, 15, 22, 29): 64 … 512 channels. */
    VGG16("vgg", vggLayers());

    private final String lpipsName;
    private final List<FeatureLayer> layers;

    Backbone(String lpipsName, List<FeatureLayer> layers) {
        this.lpipsName = lpipsName;
        this.layers = List.copyOf(layers);
    }

    /** The name the {@code lpips} package gives it ({@code LPIPS(net=...)}). */
    public String lpipsName() {
        return lpipsName;
    }

    List<FeatureLayer> layers() {
        return layers;
    }

    /** Channels of each tapped feature map, in tap order; lin layer k has this many inputs. */
    List<Integer> tapChannels() {
        List<Integer> channels = new ArrayList<>();
        int current = 3;
        for (FeatureLayer layer : layers) {
            if (layer instanceof FeatureLayer.Conv conv) {
                current = conv.out();
            } else if (layer instanceof FeatureLayer.Relu relu && relu.tapped()) {
                channels.add(current);
            }
        }
        return channels;
    }

    private static List<FeatureLayer> alexLayers() {
        return List.of(
                new FeatureLayer.Conv(0, 3, 64, 11, 4, 2), new FeatureLayer.Relu(1, true),
                new FeatureLayer.MaxPool(2, 3, 2),
                new FeatureLayer.Conv(3, 64, 192, 5, 1, 2), new FeatureLayer.Relu(4, true),
                new FeatureLayer.MaxPool(5, 3, 2),
                new FeatureLayer.Conv(6, 192, 384, 3, 1, 1), new FeatureLayer.Relu(7, true),
                new FeatureLayer.Conv(8, 384, 256, 3, 1, 1), new FeatureLayer.Relu(9, true),
                new FeatureLayer.Conv(10, 256, 256, 3, 1, 1), new FeatureLayer.Relu(11, true));
    }

    /** torchvision cfg "D": 64 64 M 128 128 M 256×3 M 512×3 M 512×3, 3×3 convs with padding 1. */
    private static List<FeatureLayer> vggLayers() {
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        List<FeatureLayer> layers = new ArrayList<>();
        int index = 0;
        int in = 3;
        for (int b = 0; b < blocks.length; b++) {
            if (b > 0) {
                layers.add(new FeatureLayer.MaxPool(index++, 2, 2));
            }
            for (int i = 0; i < blocks[b].length; i++) {
                int out = blocks[b][i];
                layers.add(new FeatureLayer.Conv(index++, in, out, 3, 1, 1));
                layers.add(new FeatureLayer.Relu(index++, i == blocks[b].length - 1));
                in = out;
            }
        }
        return layers;
    }
}
