package org.lesionsim.progression;

import org.lesionsim.sefa.LayerSelection;

/**
 * File names under {@code directions/{generator ckpt}/}, shared by the worker that writes them and the
 * one that reads them: {@code sefa-{layers}.json} (SeFa directions), {@code ranking-{layers}.json}
 * (those directions ranked nv → mel), {@code supervised.json}. {@code layers} is the normalised
 * {@link LayerSelection} spec with the characters keys cannot hold replaced: {@code +} → {@code =},
 * {@code ,} → {@code .} (so {@code 0,3-4+torgb} → {@code 0.3-4=torgb}).
 */
public final class DirectionFiles {
    public static final String SUPERVISED = "supervised.json";

    private DirectionFiles() {
    }

    public static String sefa(LayerSelection layers) {
        return "sefa-" + keySafe(layers) + ".json";
    }

    public static String ranking(LayerSelection layers) {
        return "ranking-" + keySafe(layers) + ".json";
    }

    /** The layer spec as it may appear in an object key. */
    public static String keySafe(LayerSelection layers) {
        return layers.toString().replace('+', '=').replace(',', '.');
    }
}
