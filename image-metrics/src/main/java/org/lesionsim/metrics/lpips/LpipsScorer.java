package org.lesionsim.metrics.lpips;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import org.lesionsim.metrics.PlanarImage;

/**
 * The LPIPS entry point for places that show it: given a {@link LpipsConfiguration}, answers every
 * pair of RGB images ([0, 1]) with a {@link PerceptualScore} — {@code Measured} from the official
 * weights, or {@code NotConfigured} with the reason when there are none. A configured file that is
 * broken is an error at {@link #open}, not a silent "not configured".
 */
public final class LpipsScorer implements AutoCloseable {
    private final LpipsDistance distance;
    private final String notConfiguredReason;

    private LpipsScorer(LpipsDistance distance, String notConfiguredReason) {
        this.distance = distance;
        this.notConfiguredReason = notConfiguredReason;
    }

    public static LpipsScorer open(LpipsConfiguration configuration, NDManager parent) throws IOException {
        if (configuration instanceof LpipsConfiguration.Configured c) {
            return new LpipsScorer(LpipsDistance.load(c.weights(), c.backbone(), parent), null);
        }
        return new LpipsScorer(null, ((LpipsConfiguration.NotConfigured) configuration).reason());
    }

    public PerceptualScore score(PlanarImage a, PlanarImage b) {
        if (distance == null) {
            return new PerceptualScore.NotConfigured(notConfiguredReason);
        }
        return new PerceptualScore.Measured(distance.distance(a, b));
    }

    @Override
    public void close() {
        if (distance != null) {
            distance.close();
        }
    }
}
