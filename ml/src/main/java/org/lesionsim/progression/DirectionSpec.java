package org.lesionsim.progression;

import java.util.Optional;

/**
 * The name of a progression direction as jobs and configuration write it: {@code auto},
 * {@code ranked}, {@code supervised}, {@code shipped}, {@code sefa:<k>} or
 * {@code sefa:<layers>:<k>}. Parsing only; which vector a name resolves to is the progression
 * worker's choice (it needs the generator and the stored directions).
 *
 * @param kind   auto, ranked, supervised, shipped or sefa
 * @param layers the layer group of a {@code sefa:<layers>:<k>} name, empty otherwise
 * @param index  the SeFa direction index, -1 for the other kinds
 */
public record DirectionSpec(String kind, Optional<String> layers, int index) {

    public static DirectionSpec parse(String spec) {
        String[] parts = spec == null ? new String[] {""} : spec.trim().split(":", -1);
        switch (parts[0]) {
            case "auto", "ranked", "supervised", "shipped" -> {
                if (parts.length == 1) {
                    return new DirectionSpec(parts[0], Optional.empty(), -1);
                }
            }
            case "sefa" -> {
                if (parts.length == 2) {
                    return new DirectionSpec("sefa", Optional.empty(), index(parts[1], spec));
                }
                if (parts.length == 3) {
                    return new DirectionSpec("sefa", Optional.of(parts[1]), index(parts[2], spec));
                }
            }
            default -> {
            }
        }
        throw unknown(spec);
    }

    private static int index(String text, String spec) {
        try {
            int k = Integer.parseInt(text);
            if (k >= 0) {
                return k;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw unknown(spec);
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown direction '" + spec
                + "' (expected auto, ranked, supervised, shipped, sefa:<k> or sefa:<layers>:<k>)");
    }
}
