package org.lesionsim.ingest.pacs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness DOWN, with the reason, while the followed PACS does not answer; UP when it does again. */
@Readiness
@ApplicationScoped
public class PacsReadinessCheck implements HealthCheck {
    @Inject
    PacsFollower follower;

    @Override
    public HealthCheckResponse call() {
        PacsReachability r = follower.reachability();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("pacs").status(r.up()).withData("source", r.name());
        if (!r.enabled()) {
            return b.withData("follower", "off").build();
        }
        if (r.lastAnswer() != null) {
            b.withData("lastAnswer", r.lastAnswer().toString());
        }
        if (!r.up()) {
            b.withData("reason", r.reason()).withData("failedPolls", r.failures());
        }
        return b.build();
    }
}
