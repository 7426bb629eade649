package org.lesionsim.worker;

import java.util.List;

/**
 * Every metric name an operator's dashboard may query on a worker's {@code /q/metrics}, as
 * Prometheus shows it: the one list of them. {@code deploy/grafana/lesionsim-workers.json} may query
 * only these (deploy's {@code DeploymentFilesTest} reads this file), {@code WorkerMetricsTest}
 * checks the lesionsim ones against a Prometheus scrape, and {@code PreprocessWorkerIT} against a
 * running worker. docs/DESIGN.md §7 says what each one means.
 *
 * <p>Each name is written out whole ({@code public static final String NAME = "...";}, no
 * concatenation): the deploy check reads the values from this source file.
 *
 * <p>Tags are low-cardinality only: worker, topic, reason code, model kind, checkpoint id. Never a
 * case, job, event or patient-related id.
 */
public final class MetricNames {
    /** Tag on every meter of a worker (a common tag for the JVM, HTTP and Kafka meters too). */
    public static final String TAG_WORKER = "worker";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_REASON_CODE = "reason_code";
    public static final String TAG_MODEL = "model";
    public static final String TAG_CHECKPOINT = "checkpoint";
    public static final String TAG_DEVICE = "device";

    // Micrometer names (dots); the Prometheus names below are what the registry makes of them.
    static final String PROCESSED = "lesionsim.events.processed";
    static final String FAILED = "lesionsim.events.failed";
    static final String DEAD_LETTERS = "lesionsim.dead.letters";
    static final String PROCESSING = "lesionsim.event.processing";
    static final String MODEL_INFO = "lesionsim.model.info";

    /** Counter: input events whose output is durable (acknowledged), by worker and input topic. */
    public static final String EVENTS_PROCESSED_TOTAL = "lesionsim_events_processed_total";
    /** Counter: attempts that threw something other than a rejection (store/broker down): retried or crash. */
    public static final String EVENTS_FAILED_TOTAL = "lesionsim_events_failed_total";
    /** Counter: input sent to {@code dead-letter.<worker>}, by worker and reason code. */
    public static final String DEAD_LETTERS_TOTAL = "lesionsim_dead_letters_total";
    /** Histogram (seconds) of events that completed (output or dead letter), by worker and topic. */
    public static final String EVENT_PROCESSING_SECONDS = "lesionsim_event_processing_seconds";
    public static final String EVENT_PROCESSING_SECONDS_BUCKET = "lesionsim_event_processing_seconds_bucket";
    public static final String EVENT_PROCESSING_SECONDS_COUNT = "lesionsim_event_processing_seconds_count";
    public static final String EVENT_PROCESSING_SECONDS_SUM = "lesionsim_event_processing_seconds_sum";
    /** Gauge, 1 for the checkpoint a worker's model is served from now, by worker, model kind and checkpoint. */
    public static final String MODEL_INFO_PROMETHEUS = "lesionsim_model_info";

    /** Kafka client binder (micrometer {@code KafkaClientMetrics}): per client_id, topic and partition. */
    public static final String KAFKA_CONSUMER_RECORDS_LAG = "kafka_consumer_fetch_manager_records_lag";
    public static final String KAFKA_CONSUMER_RECORDS_LAG_MAX = "kafka_consumer_fetch_manager_records_lag_max";
    public static final String KAFKA_CONSUMER_RECORDS_CONSUMED_TOTAL = "kafka_consumer_fetch_manager_records_consumed_total";
    /** Micrometer's standard JVM and process meters, for the dashboard's memory and uptime panels. */
    public static final String JVM_MEMORY_USED_BYTES = "jvm_memory_used_bytes";
    public static final String PROCESS_UPTIME_SECONDS = "process_uptime_seconds";

    /** The lesionsim meters every worker registers itself. */
    public static final List<String> LESIONSIM = List.of(EVENTS_PROCESSED_TOTAL, EVENTS_FAILED_TOTAL, DEAD_LETTERS_TOTAL,
            EVENT_PROCESSING_SECONDS_BUCKET, EVENT_PROCESSING_SECONDS_COUNT, EVENT_PROCESSING_SECONDS_SUM,
            MODEL_INFO_PROMETHEUS);

    /** Everything a dashboard may query. */
    public static final List<String> ALL = List.of(EVENTS_PROCESSED_TOTAL, EVENTS_FAILED_TOTAL, DEAD_LETTERS_TOTAL,
            EVENT_PROCESSING_SECONDS_BUCKET, EVENT_PROCESSING_SECONDS_COUNT, EVENT_PROCESSING_SECONDS_SUM,
            MODEL_INFO_PROMETHEUS, KAFKA_CONSUMER_RECORDS_LAG, KAFKA_CONSUMER_RECORDS_LAG_MAX,
            KAFKA_CONSUMER_RECORDS_CONSUMED_TOTAL, JVM_MEMORY_USED_BYTES, PROCESS_UPTIME_SECONDS);

    private MetricNames() {
    }
}
