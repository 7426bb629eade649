package org.lesionsim.worker;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of a worker that serves with a model ({@link WorkerModels}): DOWN, with the reason
 * ("no encoder checkpoint loaded yet"), until every model it needs has a checkpoint; UP with the
 * checkpoint ids after. A worker without such a model is UP here. Also at
 * {@code /q/health/group/model}, for whoever wants the model state alone.
 *
 * <p>Why readiness and not a separate probe: a replica that cannot invert is not available, so a
 * rolling update keeps the old replica until the new one has loaded its model. Whoever starts
 * workers and only then publishes the first checkpoint (the demo, {@code DemoStack}) must not wait
 * for plain readiness before publishing; it waits for "ready but for {@value #NAME}" and for full
 * readiness after publishing (docs/DESIGN.md §7).
 */
@Readiness
@HealthGroup("model")
@ApplicationScoped
public class ModelReadiness implements HealthCheck {
    /** The check's name in {@code /q/health/ready}: the demo looks for it. */
    public static final String NAME = "lesionsim-model";

    @Inject
    WorkerModels models;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).up();
        Map<String, Optional<String>> checkpoints = models.checkpoints();
        if (checkpoints.isEmpty()) {
            return b.withData("models", "none needed").build();
        }
        checkpoints.forEach((name, checkpoint) -> {
            if (checkpoint.isPresent()) {
                b.withData(name, checkpoint.get());
            } else {
                b.down().withData(name, "no " + name + " checkpoint loaded yet");
            }
        });
        return b.build();
    }
}
