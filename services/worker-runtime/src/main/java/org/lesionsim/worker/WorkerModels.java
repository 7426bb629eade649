package org.lesionsim.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lesionsim.engine.ComputeDevice;

/**
 * The models a worker cannot work without, by name (the checkpoint kind, e.g. {@code encoder}):
 * a worker registers its {@link LiveModel} here once ({@code @PostConstruct}), and from then on
 * {@link ModelReadiness} says "not ready" until it has a checkpoint, and {@code lesionsim_model_info}
 * names the checkpoint it is served from and the device it runs on. Workers without such a model register nothing.
 */
@ApplicationScoped
public class WorkerModels {
    private final WorkerMetrics metrics;
    private final Map<String, LiveModel<?>> models = new LinkedHashMap<>();

    @Inject
    public WorkerModels(WorkerMetrics metrics) {
        this.metrics = metrics;
    }

    /** Tracks {@code model}, which runs on {@code device}, under {@code name}; returns it, for field initialisers. */
    public synchronized <M extends AutoCloseable> LiveModel<M> track(String name, LiveModel<M> model, ComputeDevice device) {
        if (models.putIfAbsent(name, model) != null) {
            throw new IllegalStateException("a model called " + name + " is tracked already");
        }
        model.onSwap(checkpointId -> metrics.modelInUse(name, checkpointId, device.name()));
        model.checkpointId().ifPresent(id -> metrics.modelInUse(name, id, device.name()));
        return model;
    }

    /** Each tracked model's checkpoint id, empty while none is loaded yet. */
    public synchronized Map<String, Optional<String>> checkpoints() {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        models.forEach((name, model) -> out.put(name, model.checkpointId()));
        return out;
    }
}
