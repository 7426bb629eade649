package org.lesionsim.sefa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which style layers SeFa factorises, chosen by their W+ index (the {@code ws} row a layer's affine
 * reads) as in the original's {@code layer_idx}: {@code all}, a list of indices and ranges
 * ({@code 0-1}, {@code 2-5}, {@code 6-} open-ended, {@code 0,3-4}), or the usual names
 * {@code coarse} (0-1), {@code middle} (2-5), {@code fine} (6-). ToRGB affines ({@code *torgb*})
 * are left out unless the spec ends in {@code +torgb} (e.g. {@code all+torgb}, {@code 6-+torgb}),
 * with one exception that follows genforce's {@code factorize_weight}: {@code all} takes every conv
 * affine <b>and the final ToRGB</b> (genforce's {@code layer_idx='all'} runs over
 * {@code range(num_layers)} and, for StyleGAN2, reads the last index from {@code output{idx//2}}, the
 * last ToRGB), so the last W+ row, which only the final ToRGB reads and which a walk on {@code all}
 * edits, is in the factorisation. The intermediate ToRGBs stay out, as there; {@code 0-} is every
 * conv affine without any ToRGB (what {@code all} meant here before).
 *
 * <p>In: a spec string and, per layer name (e.g. {@code synthesis.b8.conv0.affine.weight}), its
 * W+ index, supplied by whoever knows the generator. Out: the matching names, ordered by W+ index
 * then name ({@link SefaFactorization}'s result does not depend on the order).
 */
public final class LayerSelection {
    private static final String TO_RGB_SUFFIX = "+torgb";

    private final String spec;
    private final List<int[]> ranges; // inclusive [from, to]; empty means all
    private final boolean includeToRgb;

    private LayerSelection(String spec, List<int[]> ranges, boolean includeToRgb) {
        this.spec = spec;
        this.ranges = ranges;
        this.includeToRgb = includeToRgb;
    }

    public static LayerSelection all() {
        return parse("all");
    }

    /** W+ indices {@code from..to} inclusive. */
    public static LayerSelection range(int from, int to, boolean includeToRgb) {
        return parse(from + "-" + to + (includeToRgb ? TO_RGB_SUFFIX : ""));
    }

    public static LayerSelection parse(String spec) {
        String s = spec.replace(" ", "").toLowerCase(Locale.ROOT);
        boolean toRgb = s.endsWith(TO_RGB_SUFFIX);
        String body = toRgb ? s.substring(0, s.length() - TO_RGB_SUFFIX.length()) : s;
        String canonical = switch (body) {
            case "coarse" -> "0-1";
            case "middle" -> "2-5";
            case "fine" -> "6-";
            default -> body;
        };
        List<int[]> ranges = new ArrayList<>();
        if (!canonical.equals("all")) {
            if (canonical.isEmpty()) {
                throw new IllegalArgumentException("empty layer selection '" + spec + "'");
            }
            for (String part : canonical.split(",", -1)) {
                ranges.add(parseRange(part, spec));
            }
        }
        return new LayerSelection(body + (toRgb ? TO_RGB_SUFFIX : ""), List.copyOf(ranges), toRgb);
    }

    private static int[] parseRange(String part, String spec) {
        try {
            int dash = part.indexOf('-');
            if (dash < 0) {
                int i = Integer.parseInt(part);
                return checked(new int[] {i, i}, spec);
            }
            int from = Integer.parseInt(part.substring(0, dash));
            String rest = part.substring(dash + 1);
            int to = rest.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(rest);
            return checked(new int[] {from, to}, spec);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read layer selection '" + spec + "' at '" + part
                    + "' (expected all, coarse, middle, fine, or indices like 0-1, 2-5, 6-, 0,3 with optional +torgb)");
        }
    }

    private static int[] checked(int[] range, String spec) {
        if (range[0] < 0 || range[1] < range[0]) {
            throw new IllegalArgumentException("layer range " + range[0] + "-" + range[1] + " in '" + spec + "' is empty or negative");
        }
        return range;
    }

    /** True for ToRGB affines, which are only taken when the spec asks for them. */
    public static boolean isToRgb(String layerName) {
        return layerName.toLowerCase(Locale.ROOT).contains("torgb");
    }

    public boolean includesToRgb() {
        return includeToRgb;
    }

    public boolean includesIndex(int wsIndex) {
        if (ranges.isEmpty()) {
            return true;
        }
        for (int[] r : ranges) {
            if (wsIndex >= r[0] && wsIndex <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Selected layer names, by W+ index then name; fails when none matches. */
    public List<String> select(Map<String, Integer> wsIndexOfLayer) {
        int lastWs = wsIndexOfLayer.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        boolean all = ranges.isEmpty();
        List<String> chosen = wsIndexOfLayer.entrySet().stream()
                .filter(e -> (includeToRgb || !isToRgb(e.getKey()) || (all && e.getValue() == lastWs)) && includesIndex(e.getValue()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("layer selection '" + spec + "' matches none of the " + wsIndexOfLayer.size() + " layers");
        }
        return chosen;
    }

    /** The weights whose names are selected, in selection order; every selected name must be present. */
    public List<NamedWeight> selectWeights(List<NamedWeight> weights, Map<String, Integer> wsIndexOfLayer) {
        List<NamedWeight> out = new ArrayList<>();
        for (String name : select(wsIndexOfLayer)) {
            NamedWeight w = weights.stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("selected layer " + name + " has no weight"));
            out.add(w);
        }
        return out;
    }

    /** The normalised spec, e.g. {@code all}, {@code 2-5}, {@code fine+torgb}: what events carry as {@code layers}. */
    @Override
    public String toString() {
        return spec;
    }
}
