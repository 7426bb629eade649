package org.lesionsim.worker;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * DJL must never contact anything but loopback: without {@code ai.djl.offline=true} it calls a
 * cloud metadata address for telemetry. Set before any worker bean can load the engine, even when
 * the JVM was started without the flag (images set it too; this is the second line of defence).
 */
@Startup(Integer.MIN_VALUE)
@ApplicationScoped
public class DjlOffline {
    static {
        System.setProperty("ai.djl.offline", "true");
    }

    public boolean offline() {
        return Boolean.getBoolean("ai.djl.offline");
    }
}
