package org.lesionsim.worker;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The worker's name as a tag on every meter, the JVM's, HTTP's and the Kafka clients' included, so
 * one Prometheus query can group consumer lag by worker (its client_id names the channel, hence the
 * consumer group: docs/DESIGN.md §7).
 */
@Singleton
public class WorkerMeterTags {
    @Produces
    @Singleton
    MeterFilter workerTag(@ConfigProperty(name = "lesionsim.worker.name") String worker) {
        return MeterFilter.commonTags(List.of(Tag.of(MetricNames.TAG_WORKER, worker)));
    }
}
