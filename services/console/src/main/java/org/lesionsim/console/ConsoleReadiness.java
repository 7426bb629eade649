package org.lesionsim.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the view has read every topic up to where it stood at start ({@link TopicFollower}). */
@Readiness
@ApplicationScoped
public class ConsoleReadiness implements HealthCheck {
    @Inject
    TopicFollower follower;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("console-view");
        if (follower.failure() != null) {
            return b.down().withData("reason", "the topic follower lost the broker and is retrying: " + follower.failure()).build();
        }
        if (!follower.caughtUp()) {
            return b.down().withData("reason", "still reading the topics from the start").build();
        }
        return b.up().withData("cases", follower.view().caseCount()).build();
    }
}
