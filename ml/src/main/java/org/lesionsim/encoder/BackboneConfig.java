package org.lesionsim.encoder;

import java.util.List;

/**
 * Depth and widths of the IR-SE backbone ({@code helpers.py: get_blocks}): four stages, each
 * {@code units[i]} bottleneck units of {@code widths[i]} channels, the first unit of a stage with
 * stride 2; the input layer has {@code inputChannels}.
 *
 * @param inputChannels channels of {@code input_layer} (64 in the reference)
 * @param units         units per stage
 * @param widths        channels per stage
 */
public record BackboneConfig(int inputChannels, List<Integer> units, List<Integer> widths) {
    public BackboneConfig {
        units = List.copyOf(units);
        widths = List.copyOf(widths);
        if (units.size() != 4 || widths.size() != 4) {
            throw new IllegalArgumentException("the IR-SE backbone has 4 stages, got " + units + " / " + widths);
        }
        if (inputChannels < 1 || units.stream().anyMatch(u -> u < 1) || widths.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("units and widths must be positive: " + units + " / " + widths);
        }
    }

    /** {@code get_blocks(50)}: [3, 4, 14, 3] units of 64 / 128 / 256 / 512 channels (the e4e default). */
    public static BackboneConfig irSe50() {
        return new BackboneConfig(64, List.of(3, 4, 14, 3), List.of(64, 128, 256, 512));
    }

    /** One unit per stage, 32 / 48 / 64 / 128 channels: trains in minutes on 2 CPU cores. */
    public static BackboneConfig shallow() {
        return new BackboneConfig(32, List.of(1, 1, 1, 1), List.of(32, 48, 64, 128));
    }

    /** Total bottleneck units (24 for IR-SE-50: the reference's body indices 0..23). */
    public int totalUnits() {
        return units.stream().mapToInt(Integer::intValue).sum();
    }
}
