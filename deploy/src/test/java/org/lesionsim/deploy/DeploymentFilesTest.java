package org.lesionsim.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment files agree with the workers: docker-compose.yml and every k8s/ manifest parse,
 * and their services, topics, partitions, health paths, ports, consumer groups and config
 * references are the ones in services/*&#47;application.properties. Static only: nothing here
 * starts Docker or talks to a cluster. New workers are picked up from services/ without editing
 * this test. The second half feeds the checker broken files and asserts it says what is wrong.
 */
class DeploymentFilesTest {

    private static Path root;
    private static List<WorkerConfig> workers;
    private static DeploymentChecker checker;

    @BeforeAll
    static void readWorkers() throws IOException {
        root = repoRoot();
        workers = WorkerConfig.discover(root);
        checker = new DeploymentChecker(workers);
    }

    @Test
    void workersAreDiscoveredFromTheirApplicationProperties() {
        assertThat(workers).extracting(WorkerConfig::name)
                .contains("ingest", "preprocess", "inversion", "directions", "progression", "metrics", "notifier", "trainer");
        assertThat(workers).allSatisfy(w -> assertThat(w.topics()).as(w.name() + " topics").isNotEmpty());
    }

    @Test
    void dockerComposeAgreesWithTheWorkers() throws IOException {
        DeploymentChecker.ComposeReport report = checker.checkCompose("docker-compose.yml", Files.readString(root.resolve("docker-compose.yml")));
        assertThat(report.problems()).isEmpty();
        assertThat(report.partitions()).containsAllEntriesOf(DeploymentChecker.SCALE_OUT_PARTITIONS);
    }

    @Test
    void k8sManifestsAgreeWithTheWorkers() throws IOException {
        Map<String, Integer> partitions = checker.checkCompose("docker-compose.yml", Files.readString(root.resolve("docker-compose.yml"))).partitions();
        assertThat(checker.checkManifests(manifests(root.resolve("k8s")), Files.readString(root.resolve("k8s/README.md")), partitions))
                .isEmpty();
    }

    /**
     * The GPU trainer image loads a libtorch the JNI in pytorch-jni ${pytorch.version}-${djl.version} was
     * built for (its jar carries linux-x86_64/cu128), runs offline, and the k8s trainer uses that image.
     */
    @Test
    void theGpuTrainerImageLoadsTheLibtorchTheJniWasBuiltFor() throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        String pytorch = pom.replaceAll("(?s).*<pytorch.version>([^<]+)</pytorch.version>.*", "$1");
        String docker = Files.readString(root.resolve("services/trainer/src/main/docker/Dockerfile.cuda"));
        assertThat(docker).contains("PYTORCH_VERSION=" + pytorch, "PYTORCH_FLAVOR=cu128", "PYTORCH_LIBRARY_PATH=/opt/libtorch/lib",
                "libtorch-cxx11-abi-shared-with-deps-" + pytorch + "%2Bcu128.zip", "-Dai.djl.offline=true",
                "LESIONSIM_DEVICE=gpu", "-t lesionsim/trainer:0.1.0-cuda");
        String trainer = Files.readString(root.resolve("k8s/trainer.yaml"));
        assertThat(trainer).contains("image: lesionsim/trainer:0.1.0-cuda", "nvidia.com/gpu: 1",
                "{ name: LESIONSIM_DEVICE, value: gpu }");
    }

    @Test
    void theGrafanaDashboardQueriesOnlyMetricsTheWorkersExport() throws IOException {
        Set<String> exported = exportedMetricNames();
        assertThat(exported).contains("lesionsim_events_processed_total", "lesionsim_dead_letters_total",
                "lesionsim_event_processing_seconds_bucket", "lesionsim_model_info", "kafka_consumer_fetch_manager_records_lag");
        String json = Files.readString(root.resolve(DASHBOARD));
        assertThat(new GrafanaDashboardChecker(exported).problems(DASHBOARD, json)).isEmpty();
        assertThat(json).as("every panel the operators need").contains("lesionsim_events_processed_total", "lesionsim_events_failed_total",
                "lesionsim_dead_letters_total", "histogram_quantile(0.5", "histogram_quantile(0.99",
                "kafka_consumer_fetch_manager_records_lag{", "lesionsim_model_info");
    }

    @Test
    void dashboardBreakagesAreReported() throws IOException {
        GrafanaDashboardChecker dashboards = new GrafanaDashboardChecker(exportedMetricNames());
        String json = Files.readString(root.resolve(DASHBOARD));
        assertThat(dashboards.problems("d.json", json.replace("lesionsim_events_failed_total{", "lesionsim_events_failures_total{")))
                .singleElement().asString().contains("queries lesionsim_events_failures_total, which no worker exports");
        assertThat(dashboards.problems("d.json", json.replace("sum by (worker, client_id, topic, partition) (kafka_consumer_fetch_manager_records_lag{",
                "sum by (worker, client_id, topic, partition) (kafka_consumergroup_lag{")))
                .singleElement().asString().contains("kafka_consumergroup_lag");
        assertThat(dashboards.problems("d.json", json.replaceFirst("\\$\\{datasource}", "P1809F7CD0C75ACF3")))
                .singleElement().asString().contains("'P1809F7CD0C75ACF3' is not the datasource variable");
        assertThat(dashboards.problems("d.json", json.substring(0, json.length() / 2))).singleElement().asString().contains("does not parse");
        assertThat(GrafanaDashboardChecker.metricsIn("sum by (le) (rate(a_b{x=\"kafka_y{\"}[5m]))")).containsExactly("a_b");
    }

    private static final String DASHBOARD = "deploy/grafana/lesionsim-workers.json";

    private static Set<String> exportedMetricNames() throws IOException {
        return GrafanaDashboardChecker.exportedNames(Files.readString(
                root.resolve("services/worker-runtime/src/main/java/org/lesionsim/worker/MetricNames.java")));
    }

    // ------------------------------------------------------------ the checker fails on broken files

    private static final String WORKER_PROPERTIES = """
            quarkus.http.port=8081
            mp.messaging.incoming.cases-received.topic=cases.received
            mp.messaging.incoming.cases-received.group.id=lesionsim-preprocess
            mp.messaging.incoming.checkpoints.topic=checkpoints.published
            mp.messaging.incoming.checkpoints.group.id=lesionsim-preprocess-${quarkus.uuid}
            mp.messaging.outgoing.images-preprocessed.topic=images.preprocessed
            %test.quarkus.http.port=9999
            """;

    private static final String COMPOSE = """
            x-worker: &worker
              depends_on: { kafka: { condition: service_healthy } }
              environment: &env
                KAFKA_BOOTSTRAP_SERVERS: kafka:9092
            services:
              kafka:
                image: apache/kafka:4.1.2
                environment: { KAFKA_NODE_ID: "1" }
                healthcheck: { test: ["CMD", "/opt/kafka/bin/kafka-broker-api-versions.sh", "--bootstrap-server", "localhost:9092"] }
              topics:
                image: apache/kafka:4.1.2
                environment:
                  TOPICS: cases.received:6 images.preprocessed:6
                  COMPACTED_TOPICS: "checkpoints.published:1"
                command: ["for s in $$TOPICS $$COMPACTED_TOPICS; do echo $$s; done"]
              preprocess:
                <<: *worker
                image: lesionsim/preprocess
                ports: ["8081:8081"]
                volumes: ["${DATA:-./data}:/data:ro"]
                healthcheck: { test: ["CMD", "curl", "-fsS", "http://localhost:8081/q/health/ready"] }
            """;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: lesionsim-preprocess }
            spec:
              selector: { matchLabels: { app: lesionsim-preprocess } }
              template:
                metadata: { labels: { app: lesionsim-preprocess } }
                spec:
                  containers:
                    - name: preprocess
                      image: lesionsim/preprocess:0.1.0
                      ports: [{ containerPort: 8081, name: http }]
                      envFrom: [{ configMapRef: { name: lesionsim-config } }, { secretRef: { name: lesionsim-s3 } }]
                      readinessProbe: { httpGet: { path: /q/health/ready, port: http } }
                      livenessProbe: { httpGet: { path: /q/health/live, port: http } }
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: lesionsim-config }
            data: { KAFKA_BOOTSTRAP_SERVERS: "kafka:9092" }
            """;

    private static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: { name: lesionsim-preprocess }
            spec:
              scaleTargetRef: { name: lesionsim-preprocess }
              maxReplicaCount: 6
              triggers:
                - type: kafka
                  metadata: { consumerGroup: lesionsim-preprocess, topic: cases.received, lagThreshold: "20" }
            """;

    private static final String README = "kubectl -n lesionsim create secret generic lesionsim-s3 --from-literal=...";

    private static final DeploymentChecker ONE_WORKER = new DeploymentChecker(List.of(WorkerConfig.parse("preprocess", WORKER_PROPERTIES)));
    private static final Map<String, Integer> PARTITIONS = Map.of("cases.received", 6, "images.preprocessed", 6, "checkpoints.published", 1);

    private static List<String> composeProblems(String compose) {
        return ONE_WORKER.checkCompose("compose", compose).problems();
    }

    private static List<String> k8sProblems(String deployment, String scaledObject) {
        return ONE_WORKER.checkManifests(Map.of("preprocess.yaml", deployment + "\n---\n" + scaledObject), README, PARTITIONS);
    }

    @Test
    void theSampleFilesPassSoEachBreakageBelowIsTheOnlyProblem() {
        assertThat(composeProblems(COMPOSE)).isEmpty();
        assertThat(k8sProblems(DEPLOYMENT, SCALED_OBJECT)).isEmpty();
    }

    @Test
    void productionProfileOnly() {
        WorkerConfig worker = WorkerConfig.parse("preprocess", WORKER_PROPERTIES);
        assertThat(worker.httpPort()).isEqualTo(8081);
        assertThat(worker.topics()).containsExactlyInAnyOrder("cases.received", "checkpoints.published", "images.preprocessed");
    }

    @Test
    void unquotedInterpolationInAFlowSequenceIsReported() {
        assertThat(composeProblems(COMPOSE.replace("[\"${DATA:-./data}:/data:ro\"]", "[${DATA:-./data}:/data:ro]")))
                .anySatisfy(p -> assertThat(p).contains("compose:20: unquoted '$' inside a flow collection"))
                .anySatisfy(p -> assertThat(p).contains("not valid YAML").contains("line 20"));
        assertThat(composeProblems(COMPOSE.replace("[\"${DATA:-./data}:/data:ro\"]", "[$DATA]")))
                .singleElement().asString().contains("unquoted '$DATA' inside a flow collection");
    }

    @Test
    void composeBreakagesAreReported() {
        assertThat(composeProblems(COMPOSE.replace("KAFKA_NODE_ID: \"1\"", "KAFKA_NODE_ID: 1")))
                .singleElement().asString().contains("environment KAFKA_NODE_ID is a Integer (1), not a string");
        assertThat(composeProblems(COMPOSE.replace("    image: lesionsim/preprocess\n", "")))
                .singleElement().asString().contains("service preprocess has neither image nor build");
        assertThat(composeProblems(COMPOSE.replace("{ kafka: { condition", "{ broker: { condition")))
                .singleElement().asString().contains("depends on 'broker', which is not a service");
        assertThat(composeProblems(COMPOSE.replace("localhost:8081/q/health/ready", "localhost:8080/q/health/ready")))
                .singleElement().asString().contains("healthcheck port 8080 is not quarkus.http.port 8081");
        assertThat(composeProblems(COMPOSE.replace("/q/health/ready", "/health")))
                .singleElement().asString().contains("healthcheck path /health");
        assertThat(composeProblems(COMPOSE.replace("    healthcheck: { test: [\"CMD\", \"/opt", "    x-healthcheck: { test: [\"CMD\", \"/opt")))
                .singleElement().asString().contains("service kafka is waited on as service_healthy but has no healthcheck");
        assertThat(composeProblems(COMPOSE.replace(" images.preprocessed:6", "")))
                .singleElement().asString().contains("topic images.preprocessed (used by preprocess) is not created");
        assertThat(composeProblems(COMPOSE.replace("cases.received:6", "cases.received:4")))
                .singleElement().asString().contains("cases.received has 4 partitions; the scale-out needs 6");
        assertThat(composeProblems(COMPOSE.replace("  preprocess:\n", "  preprocessing:\n")))
                .singleElement().asString().contains("worker preprocess (services/preprocess) has no service");
    }

    @Test
    void kedaTriggerOnAConsumerGroupTheWorkerDoesNotUseIsReported() {
        assertThat(k8sProblems(DEPLOYMENT, SCALED_OBJECT.replace("consumerGroup: lesionsim-preprocess", "consumerGroup: lesionsim-preprocessor")))
                .singleElement().asString()
                .contains("consumer group 'lesionsim-preprocessor' on topic 'cases.received' is not what worker preprocess reads");
    }

    @Test
    void k8sBreakagesAreReported() {
        assertThat(k8sProblems(DEPLOYMENT, SCALED_OBJECT.replace("topic: cases.received", "topic: checkpoints.published")))
                .anySatisfy(p -> assertThat(p).contains("on topic 'checkpoints.published' is not what worker preprocess reads"));
        assertThat(k8sProblems(DEPLOYMENT, SCALED_OBJECT.replace("scaleTargetRef: { name: lesionsim-preprocess }", "scaleTargetRef: { name: lesionsim-preproc }")))
                .singleElement().asString().contains("scaleTargetRef Deployment 'lesionsim-preproc' is not a Deployment in k8s/");
        assertThat(k8sProblems(DEPLOYMENT, SCALED_OBJECT.replace("maxReplicaCount: 6", "maxReplicaCount: 8")))
                .singleElement().asString().contains("maxReplicaCount 8 > 6 partitions of cases.received");
        assertThat(k8sProblems(DEPLOYMENT.replace("labels: { app: lesionsim-preprocess } }", "labels: { app: preprocess } }"), SCALED_OBJECT))
                .singleElement().asString().contains("selector app=lesionsim-preprocess does not match template label app=preprocess");
        assertThat(k8sProblems(DEPLOYMENT.replace("containerPort: 8081", "containerPort: 8080"), SCALED_OBJECT))
                .anySatisfy(p -> assertThat(p).contains("readinessProbe port 8080 is not quarkus.http.port 8081"));
        assertThat(k8sProblems(DEPLOYMENT.replace("path: /q/health/live", "path: /healthz"), SCALED_OBJECT))
                .singleElement().asString().contains("livenessProbe path '/healthz'");
        assertThat(k8sProblems(DEPLOYMENT.replace("secretRef: { name: lesionsim-s3 }", "secretRef: { name: lesionsim-minio }"), SCALED_OBJECT))
                .singleElement().asString().contains("envFrom secretRef 'lesionsim-minio' is neither a document in k8s/ nor created out of band");
        assertThat(k8sProblems(DEPLOYMENT.replace("metadata: { name: lesionsim-config }", "metadata: { labels: {} }"), SCALED_OBJECT))
                .anySatisfy(p -> assertThat(p).contains("document 2 has no metadata.name"));
        assertThat(k8sProblems(DEPLOYMENT.replace("image: lesionsim/preprocess:0.1.0", "image: lesionsim/preprocess:0.1.0\n          resources: { limits: { nvidia.com/gpu: 1 } }"), SCALED_OBJECT))
                .singleElement().asString().contains("requests nvidia.com/gpu but k8s/README.md does not say what its image");
        assertThat(k8sProblems(DEPLOYMENT.replace("- name: preprocess", "- name: worker"), ""))
                .singleElement().asString().contains("worker preprocess (services/preprocess) has no Deployment");
    }

    // ------------------------------------------------------------ files

    private static Map<String, String> manifests(Path folder) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                texts.put("k8s/" + file.getFileName(), Files.readString(file));
            }
        }
        assertThat(texts).as("manifests in " + folder).isNotEmpty();
        return texts;
    }

    /** lesionsim.repo.root (set by the pom), or the nearest folder above the working directory with docker-compose.yml. */
    private static Path repoRoot() {
        String configured = System.getProperty("lesionsim.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }
}
