package org.lesionsim.data.synthetic;

import java.util.SplittableRandom;

/**
 * Skin as seen through a dermatoscope: a fair base tone (HAM10000's patients are mostly fair),
 * gentle blotchy variation in brightness and redness, fine mottling and grain. The
 * variation stays well inside what a simple "differs from the skin tone" threshold tolerates, so
 * the lesion can be segmented against {@link #baseRgb()}.
 */
final class SkinBackground {
    private static final int[][] TONES = {
            {236, 196, 178}, {230, 184, 164}, {224, 174, 152}, {216, 164, 142}, {228, 178, 170}, {220, 170, 140},
    };

    private final int baseR;
    private final int baseG;
    private final int baseB;
    private final ValueNoise brightness;
    private final ValueNoise redness;
    private final ValueNoise mottling;
    private final long grainSeed;

    private SkinBackground(int[] tone, long seed) {
        this.baseR = tone[0];
        this.baseG = tone[1];
        this.baseB = tone[2];
        this.brightness = new ValueNoise(seed, 4);
        this.redness = new ValueNoise(seed + 1, 3);
        this.mottling = new ValueNoise(seed + 2, 3);
        this.grainSeed = seed + 3;
    }

    /** The tone is the patient's (lesion seed); the noise pattern belongs to one image (view seed). */
    static SkinBackground sample(SplittableRandom patient, long viewSeed) {
        int[] a = TONES[patient.nextInt(TONES.length)];
        int[] b = TONES[patient.nextInt(TONES.length)];
        double mix = patient.nextDouble();
        int[] tone = new int[3];
        for (int c = 0; c < 3; c++) {
            tone[c] = (int) Math.round(a[c] * (1 - mix) + b[c] * mix);
        }
        return new SkinBackground(tone, viewSeed);
    }

    int baseRgb() {
        return (baseR << 16) | (baseG << 8) | baseB;
    }

    /** Skin colour at pixel (x, y), written to {@code rgb}; {@code scale} is the image width. */
    void colourAt(int x, int y, double scale, double[] rgb) {
        double u = x / scale;
        double v = y / scale;
        double light = 1 + 0.055 * brightness.at(u * 6, v * 6);
        double red = 5 * redness.at(u * 4 + 11, v * 4);
        // fine mottling at the scale of skin furrows
        double fine = 1 + 0.02 * mottling.at(u * 40, v * 28 + 3);
        double grain = ValueNoise.lattice(x, y, grainSeed) * 3.5;
        rgb[0] = baseR * light * fine + red + grain;
        rgb[1] = baseG * light * fine - 0.6 * red + grain;
        rgb[2] = baseB * light * fine - 0.3 * red + grain;
    }
}
