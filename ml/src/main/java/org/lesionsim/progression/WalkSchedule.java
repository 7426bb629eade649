package org.lesionsim.progression;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a walk goes, as data:
 * <ul>
 *   <li>{@code fixed}: the same α list for every case, in units of the unit direction's length in W
 *       (what the pipeline did before, still available);</li>
 *   <li>{@code calibrated}: from the case's own position on the axis to the melanoma class centre plus
 *       {@code marginSigma} σ, in {@code steps} equal steps (frame 0 is the case itself, α = 0).
 *       A case already at or beyond that target still walks {@code marginSigma} σ further (at least
 *       one σ), so every walk moves and always towards melanoma.</li>
 * </ul>
 */
public sealed interface WalkSchedule {
    /** {@code fixed} or {@code calibrated}: what events carry as {@code schedule}. */
    String kind();

    record Fixed(List<Double> alphas) implements WalkSchedule {
        public Fixed {
            alphas = List.copyOf(alphas);
        }

        @Override
        public String kind() {
            return "fixed";
        }
    }

    record Calibrated(double marginSigma, int steps) implements WalkSchedule {
        public Calibrated {
            if (steps < 2 || !Double.isFinite(marginSigma)) {
                throw new IllegalArgumentException("a calibrated walk needs ≥ 2 steps and a finite margin, got " + steps + ", " + marginSigma);
            }
        }

        @Override
        public String kind() {
            return "calibrated";
        }

        /** The case's walk: where it starts and ends, in σ units from the nevus centre, and its α per frame. */
        public Plan plan(double projection, AxisStatistics stats) {
            double start = stats.inSigma(projection);
            double target = stats.melCentreInSigma() + marginSigma;
            if (target <= start) {
                target = start + Math.max(1.0, marginSigma);
            }
            List<Double> alphas = new ArrayList<>();
            for (int k = 0; k < steps; k++) {
                alphas.add((target - start) * stats.sigma() * k / (steps - 1));
            }
            return new Plan(start, target, alphas);
        }
    }

    /**
     * @param startSigma  the case's position, σ units from the nevus centre
     * @param targetSigma where the last frame lies, σ units from the nevus centre
     * @param alphas      α per frame (frame 0: α = 0)
     */
    record Plan(double startSigma, double targetSigma, List<Double> alphas) {
        public Plan {
            alphas = List.copyOf(alphas);
        }
    }

    /** {@code fixed:0,1,2} or {@code calibrated:1.0:8} (margin σ, steps). */
    static WalkSchedule parse(String spec) {
        String[] parts = spec.trim().split(":");
        try {
            if (parts[0].equals("fixed") && parts.length == 2) {
                return new Fixed(java.util.Arrays.stream(parts[1].split(",")).map(String::trim).map(Double::valueOf).toList());
            }
            if (parts[0].equals("calibrated") && parts.length <= 3) {
                return new Calibrated(parts.length > 1 ? Double.parseDouble(parts[1]) : 1.0,
                        parts.length > 2 ? Integer.parseInt(parts[2]) : 8);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read walk schedule '" + spec + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unknown walk schedule '" + spec + "' (expected fixed:<α,...> or calibrated[:<margin σ>[:<steps>]])");
    }
}
