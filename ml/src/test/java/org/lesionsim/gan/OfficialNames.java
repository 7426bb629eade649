package org.lesionsim.gan;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code state_dict()} keys NVlabs/stylegan2-ada-pytorch gives an unconditional network,
 * written out from {@code training/networks.py} (independently of the code under test).
 */
final class OfficialNames {
    private OfficialNames() {
    }

    /** G with {@code mappingLayers} mapping layers and blocks b4..b{resolution}. */
    static List<String> generator(int resolution, int mappingLayers) {
        List<String> names = new ArrayList<>();
        names.add("synthesis.b4.const");
        names.add("synthesis.b4.resample_filter");
        synthesisLayer(names, "synthesis.b4.conv1");
        toRgb(names, "synthesis.b4.torgb");
        for (int res = 8; res <= resolution; res *= 2) {
            String block = "synthesis.b" + res;
            names.add(block + ".resample_filter");
            synthesisLayer(names, block + ".conv0");
            synthesisLayer(names, block + ".conv1");
            toRgb(names, block + ".torgb");
        }
        for (int i = 0; i < mappingLayers; i++) {
            names.add("mapping.fc" + i + ".weight");
            names.add("mapping.fc" + i + ".bias");
        }
        names.add("mapping.w_avg");
        return names;
    }

    /** D (resnet) with blocks b{resolution}..b8 and the b4 epilogue. */
    static List<String> discriminator(int resolution) {
        List<String> names = new ArrayList<>();
        for (int res = resolution; res > 4; res /= 2) {
            String block = "b" + res;
            names.add(block + ".resample_filter");
            if (res == resolution) {
                conv(names, block + ".fromrgb", true);
            }
            conv(names, block + ".conv0", true);
            conv(names, block + ".conv1", true);
            conv(names, block + ".skip", false);
        }
        conv(names, "b4.conv", true);
        names.addAll(List.of("b4.fc.weight", "b4.fc.bias", "b4.out.weight", "b4.out.bias"));
        return names;
    }

    private static void synthesisLayer(List<String> names, String p) {
        names.addAll(List.of(p + ".weight", p + ".noise_strength", p + ".bias", p + ".resample_filter",
                p + ".noise_const", p + ".affine.weight", p + ".affine.bias"));
    }

    private static void toRgb(List<String> names, String p) {
        names.addAll(List.of(p + ".weight", p + ".bias", p + ".affine.weight", p + ".affine.bias"));
    }

    private static void conv(List<String> names, String p, boolean bias) {
        names.add(p + ".weight");
        if (bias) {
            names.add(p + ".bias");
        }
        names.add(p + ".resample_filter");
    }

    /** Buffers (not trained): FIR filters, per-layer constant noise, the W average. */
    static boolean isBuffer(String name) {
        return name.endsWith(".resample_filter") || name.endsWith(".noise_const") || name.endsWith(".w_avg");
    }
}
