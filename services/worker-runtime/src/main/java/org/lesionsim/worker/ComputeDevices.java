package org.lesionsim.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.lesionsim.engine.ComputeDevice;

/**
 * The worker's {@link ComputeDevice} from {@code lesionsim.device} ({@code LESIONSIM_DEVICE}; default
 * {@code auto}), resolved once, after {@link DjlOffline}, and logged: every model a worker loads and
 * every job it trains allocates there.
 */
@ApplicationScoped
public class ComputeDevices {
    private static final Logger LOG = Logger.getLogger(ComputeDevices.class);

    @ConfigProperty(name = "lesionsim.device", defaultValue = "auto")
    String spec;

    @Produces
    @Singleton
    ComputeDevice computeDevice(DjlOffline offline) {
        if (!offline.offline()) {
            throw new IllegalStateException("ai.djl.offline must be true before the engine loads");
        }
        ComputeDevice device = ComputeDevice.resolve(spec);
        LOG.infof("compute device %s", device.describe());
        return device;
    }
}
