package org.lesionsim.data.synthetic;

import org.lesionsim.imaging.DermoscopicColour;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which of the six dermoscopic colours a lesion shows and where each sits. The number of colours
 * follows t (expected 1.2 + 4.6 t^1.5: a nevus one or two browns, a melanoma three to six); each colour owns a blob-shaped
 * region: light brown towards the periphery, dark brown around an (off-)centre point, black,
 * blue-grey, white and red as eccentric blotches kept apart. Regions come from per-colour scores
 * (a distance term plus smooth noise; the highest wins), with offsets balanced so every colour
 * present covers a real share of the lesion's core, never a trace.
 */
final class PigmentLayout {
    /** Share of the lesion each present colour is balanced to reach at least. */
    static final double MIN_SHARE = 0.14;

    private static final DermoscopicColour[] MALIGNANT = {DermoscopicColour.BLACK, DermoscopicColour.BLUE_GREY,
            DermoscopicColour.WHITE, DermoscopicColour.RED};
    private static final double[] MALIGNANT_WEIGHT = {0.36, 0.30, 0.20, 0.14};

    private final List<DermoscopicColour> colours;
    private final double[] attractorU; // per present colour, lesion-local, in units of the mean radius
    private final double[] attractorV;
    private final double[] offset;
    private final ValueNoise[] noise;
    private final LesionShape shape;
    private final double noiseFrequency;
    private final double rimPreference;

    private PigmentLayout(List<DermoscopicColour> colours, double[] au, double[] av, ValueNoise[] noise, LesionShape shape, double t) {
        this.colours = List.copyOf(colours);
        this.attractorU = au;
        this.attractorV = av;
        this.offset = new double[colours.size()];
        this.noise = noise;
        this.shape = shape;
        this.noiseFrequency = 2.0 / shape.meanRadius();
        // a benign lesion is light at the rim and darker inside; a malignant one lets dark colours reach the edge
        this.rimPreference = 1.1 - 0.6 * t;
    }

    static PigmentLayout sample(SplittableRandom random, double t, LesionShape shape) {
        double expected = 1.2 + 4.6 * Math.pow(t, 1.5);
        double u = random.nextDouble(1e-12, 1);
        double gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        int count = (int) Math.max(1, Math.min(6, Math.round(expected + 0.45 * gaussian)));

        List<DermoscopicColour> chosen = new ArrayList<>();
        if (count == 1) {
            chosen.add(random.nextDouble() < 0.7 ? DermoscopicColour.LIGHT_BROWN : DermoscopicColour.DARK_BROWN);
        } else {
            chosen.add(DermoscopicColour.LIGHT_BROWN);
            chosen.add(DermoscopicColour.DARK_BROWN);
            double[] w = MALIGNANT_WEIGHT.clone();
            for (int i = 2; i < count; i++) {
                double total = 0;
                for (double v : w) {
                    total += v;
                }
                double pick = random.nextDouble(total);
                int j = 0;
                while (pick >= w[j] || w[j] == 0) {
                    pick -= w[j];
                    j++;
                }
                chosen.add(MALIGNANT[j]);
                w[j] = 0;
            }
        }
        // canonical order, so the same set always prints the same way
        chosen.sort(null);

        double[] au = new double[chosen.size()];
        double[] av = new double[chosen.size()];
        ValueNoise[] noise = new ValueNoise[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            double[] range = switch (chosen.get(i)) {
                case DARK_BROWN -> new double[] {0.0, 0.05 + 0.45 * t};
                case BLACK -> new double[] {0.15, 0.45 + 0.3 * t};
                case BLUE_GREY -> new double[] {0.05, 0.4 + 0.2 * t};
                case WHITE -> new double[] {0.25, 0.6};
                case RED -> new double[] {0.45, 0.75};
                default -> new double[] {0.0, 0.0}; // light brown is scored by radius, not by a point
            };
            // blotches keep apart, so each reads as its own region rather than a speckle
            for (int attempt = 0; attempt < 40; attempt++) {
                double rho = random.nextDouble(range[0], range[1] + 1e-9);
                double angle = random.nextDouble(0, 2 * Math.PI);
                au[i] = rho * Math.cos(angle);
                av[i] = rho * Math.sin(angle);
                if (farFromOthers(chosen, au, av, i)) {
                    break;
                }
            }
            noise[i] = new ValueNoise(random.nextLong(), 3);
        }
        PigmentLayout layout = new PigmentLayout(chosen, au, av, noise, shape, t);
        layout.balance();
        return layout;
    }

    private static boolean farFromOthers(List<DermoscopicColour> chosen, double[] au, double[] av, int i) {
        for (int j = 0; j < i; j++) {
            if (chosen.get(j) != DermoscopicColour.LIGHT_BROWN && Math.hypot(au[i] - au[j], av[i] - av[j]) < 0.6) {
                return false;
            }
        }
        return true;
    }

    List<DermoscopicColour> colours() {
        return colours;
    }

    int size() {
        return colours.size();
    }

    /**
     * Scores of each present colour at a lesion-local point (u, v) (image-width units, lesion
     * centre at 0, unrotated); higher wins.
     */
    void scores(double u, double v, double[] out) {
        double rho = RenderMath.length(u, v);
        double relative = rho / shape.radiusAt(Math.atan2(v, u));
        double mean = shape.meanRadius();
        for (int i = 0; i < colours.size(); i++) {
            double place;
            if (colours.get(i) == DermoscopicColour.LIGHT_BROWN) {
                place = rimPreference * relative - 0.7;
            } else {
                place = -RenderMath.length(u / mean - attractorU[i], v / mean - attractorV[i]);
                if (colours.get(i) == DermoscopicColour.WHITE) {
                    // regression sits inside the lesion: white reaching the rim would read as skin
                    place -= 3 * RenderMath.smoothstep(0.65, 0.85, relative);
                }
            }
            out[i] = offset[i] + place + 0.75 * noise[i].at(u * noiseFrequency + 17.3 * i, v * noiseFrequency);
        }
    }

    /** Index (in {@link #colours()}) of the colour that owns lesion-local point (u, v). */
    int regionAt(double u, double v, double[] scratch) {
        scores(u, v, scratch);
        return argMax(scratch);
    }

    /** Raises the offset of any colour below its minimum share until all reach it. */
    private void balance() {
        if (colours.size() < 2) {
            return;
        }
        // scores without offsets on a coarse grid over the lesion's core, computed once
        int grid = 48;
        List<double[]> samples = new ArrayList<>();
        for (int gy = 0; gy < grid; gy++) {
            for (int gx = 0; gx < grid; gx++) {
                double u = (2.0 * (gx + 0.5) / grid - 1) * shape.maxRadius();
                double v = (2.0 * (gy + 0.5) / grid - 1) * shape.maxRadius();
                // the core: the rim blends into skin and is not where colours are judged
                if (RenderMath.length(u, v) < 0.85 * shape.radiusAt(Math.atan2(v, u))) {
                    double[] s = new double[colours.size()];
                    scores(u, v, s);
                    samples.add(s);
                }
            }
        }
        double[] shifted = new double[colours.size()];
        for (int iteration = 0; iteration < 200; iteration++) {
            int[] wins = new int[colours.size()];
            for (double[] s : samples) {
                for (int i = 0; i < s.length; i++) {
                    shifted[i] = s[i] + offset[i];
                }
                wins[argMax(shifted)]++;
            }
            boolean balanced = true;
            for (int i = 0; i < colours.size(); i++) {
                if (wins[i] < MIN_SHARE * 1.15 * samples.size()) { // a margin above the target: the grid is coarse
                    offset[i] += 0.04;
                    balanced = false;
                }
            }
            if (balanced) {
                return;
            }
        }
    }

    static int argMax(double[] s) {
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return best;
    }

    Map<DermoscopicColour, Integer> indexOf() {
        Map<DermoscopicColour, Integer> m = new EnumMap<>(DermoscopicColour.class);
        for (int i = 0; i < colours.size(); i++) {
            m.put(colours.get(i), i);
        }
        return m;
    }
}
