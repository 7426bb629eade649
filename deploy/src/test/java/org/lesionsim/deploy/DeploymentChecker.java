package org.lesionsim.deploy;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Static checks of {@code docker-compose.yml} and {@code k8s/*.yaml} against what the workers
 * really do ({@link WorkerConfig}). Nothing is started: the files are parsed with SnakeYAML (merge
 * keys {@code <<:} resolved) and every disagreement comes back as one sentence naming the file,
 * the thing and what is wrong. An empty list means the files agree with the workers.
 */
final class DeploymentChecker {

    /** The Quarkus SmallRye Health endpoints a probe may use. */
    static final Set<String> QUARKUS_HEALTH_PATHS = Set.of("/q/health/ready", "/q/health/live");

    /** Topics the pipeline scales out on, and the partitions (= most replicas of one group) each needs. */
    static final Map<String, Integer> SCALE_OUT_PARTITIONS = Map.of(
            "cases.received", 6, "images.preprocessed", 6, "latents.inverted", 6,
            "simulations.rendered", 6, "metrics.scored", 6);

    private static final Pattern HEALTH_URL = Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1):(\\d+)(/[^\\s\"']*)");
    private static final Pattern TOPIC_SPEC = Pattern.compile("([A-Za-z0-9._-]+):(\\d+)");
    private static final Pattern OUT_OF_BAND = Pattern.compile("create\\s+(secret\\s+generic|configmap)\\s+([a-z0-9][a-z0-9.-]*)");

    private final Map<String, WorkerConfig> workers = new TreeMap<>();

    DeploymentChecker(Collection<WorkerConfig> workers) {
        workers.forEach(w -> this.workers.put(w.name(), w));
    }

    /** What the compose check found, and the partitions its topic-init creates (for the k8s check). */
    record ComposeReport(List<String> problems, Map<String, Integer> partitions) {}

    // ---------------------------------------------------------------- docker-compose.yml

    ComposeReport checkCompose(String file, String yaml) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> partitions = new TreeMap<>();
        if (!unquotedInterpolationInFlow(file, yaml, problems)) {
            return new ComposeReport(problems, partitions);
        }
        Object root = load(file, yaml, problems);
        Map<String, Object> services = map(map(root).get("services"));
        if (services.isEmpty()) {
            problems.add(file + ": no services");
            return new ComposeReport(problems, partitions);
        }
        Set<String> mustBeHealthy = new TreeSet<>();
        services.forEach((name, value) -> {
            String where = file + ": service " + name;
            Map<String, Object> service = map(value);
            if (!service.containsKey("image") && !service.containsKey("build")) {
                problems.add(where + " has neither image nor build");
            }
            Object dependsOn = service.get("depends_on");
            Collection<String> deps = dependsOn instanceof Map<?, ?> m ? keys(m) : strings(dependsOn);
            for (String dep : deps) {
                if (!services.containsKey(dep)) {
                    problems.add(where + " depends on '" + dep + "', which is not a service");
                } else if ("service_healthy".equals(map(map(dependsOn).get(dep)).get("condition"))) {
                    mustBeHealthy.add(dep);
                }
            }
            Object env = service.get("environment");
            if (env instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    if (!(v instanceof String)) {
                        problems.add(where + ": environment " + k + " is " + describe(v) + ", not a string (quote it)");
                    }
                });
            } else if (env instanceof List<?> l) {
                l.stream().filter(v -> !(v instanceof String))
                        .forEach(v -> problems.add(where + ": environment entry " + v + " is not a string"));
            } else if (env != null) {
                problems.add(where + ": environment is neither a mapping nor a list");
            }
        });
        for (String name : mustBeHealthy) {
            if (strings(map(map(services.get(name)).get("healthcheck")).get("test")).isEmpty()) {
                problems.add(file + ": service " + name + " is waited on as service_healthy but has no healthcheck test");
            }
        }
        for (WorkerConfig worker : workers.values()) {
            checkComposeWorker(file, worker, services, problems);
        }
        checkTopicInit(file, services, partitions, problems);
        return new ComposeReport(problems, partitions);
    }

    private void checkComposeWorker(String file, WorkerConfig worker, Map<String, Object> services, List<String> problems) {
        String where = file + ": service " + worker.name();
        if (!services.containsKey(worker.name())) {
            problems.add(file + ": worker " + worker.name() + " (services/" + worker.name() + ") has no service");
            return;
        }
        Map<String, Object> service = map(services.get(worker.name()));
        String test = String.join(" ", strings(map(service.get("healthcheck")).get("test")));
        Matcher url = HEALTH_URL.matcher(test);
        if (!url.find()) {
            problems.add(where + " has no healthcheck on http://localhost:" + worker.httpPort() + "/q/health/ready");
        } else {
            if (Integer.parseInt(url.group(1)) != worker.httpPort()) {
                problems.add(where + ": healthcheck port " + url.group(1) + " is not quarkus.http.port " + worker.httpPort());
            }
            if (!QUARKUS_HEALTH_PATHS.contains(url.group(2))) {
                problems.add(where + ": healthcheck path " + url.group(2) + " is not one of " + new TreeSet<>(QUARKUS_HEALTH_PATHS));
            }
        }
        for (String mapping : strings(service.get("ports"))) {
            String container = mapping.substring(mapping.lastIndexOf(':') + 1).replaceAll("/.*", "");
            if (!container.equals(String.valueOf(worker.httpPort()))) {
                problems.add(where + ": port mapping " + mapping + " does not end at quarkus.http.port " + worker.httpPort());
            }
        }
    }

    /** The topic-init is the service whose environment holds TOPICS ("name:partitions ..."). */
    private void checkTopicInit(String file, Map<String, Object> services, Map<String, Integer> partitions, List<String> problems) {
        List<String> inits = services.entrySet().stream()
                .filter(e -> map(map(e.getValue()).get("environment")).get("TOPICS") instanceof String)
                .map(Map.Entry::getKey).toList();
        if (inits.size() != 1) {
            problems.add(file + ": expected one topic-init service (environment TOPICS=\"<topic>:<partitions> ...\"), found " + inits);
            return;
        }
        String init = inits.get(0);
        Map<String, Object> service = map(services.get(init));
        Map<String, Object> env = map(service.get("environment"));
        String script = String.join(" ", strings(service.get("command"))) + " " + String.join(" ", strings(service.get("entrypoint")));
        for (String variable : List.of("TOPICS", "COMPACTED_TOPICS")) {
            if (!(env.get(variable) instanceof String specs)) {
                continue;
            }
            if (!script.contains("$" + variable)) {
                problems.add(file + ": service " + init + " declares " + variable + " but its command never reads $" + variable);
            }
            for (String spec : specs.trim().split("\\s+")) {
                Matcher m = TOPIC_SPEC.matcher(spec);
                if (!m.matches()) {
                    problems.add(file + ": service " + init + ": '" + spec + "' in " + variable + " is not <topic>:<partitions>");
                } else if (partitions.put(m.group(1), Integer.parseInt(m.group(2))) != null) {
                    problems.add(file + ": service " + init + " creates topic " + m.group(1) + " twice");
                }
            }
        }
        for (WorkerConfig worker : workers.values()) {
            for (String topic : worker.topics()) {
                if (!partitions.containsKey(topic)) {
                    problems.add(file + ": topic " + topic + " (used by " + worker.name() + ") is not created by service " + init);
                }
            }
        }
        SCALE_OUT_PARTITIONS.forEach((topic, needed) -> {
            Integer created = partitions.get(topic);
            if (created != null && created < needed) {
                problems.add(file + ": topic " + topic + " has " + created + " partitions; the scale-out needs " + needed);
            }
        });
    }

    /**
     * A {@code ${VAR:-default}} must be quoted inside {@code [ ... ]} or {@code { ... }}: there,
     * {@code {}, ,} end a plain scalar and the entry falls apart (or the file does not parse).
     *
     * @return false when the text is not YAML at all (the problem is recorded)
     */
    private static boolean unquotedInterpolationInFlow(String file, String yaml, List<String> problems) {
        Deque<Boolean> flow = new ArrayDeque<>();
        try {
            for (Event event : new Yaml().parse(new StringReader(yaml))) {
                if (event instanceof CollectionStartEvent start) {
                    flow.push(start.getFlowStyle() == DumperOptions.FlowStyle.FLOW);
                } else if (event.is(Event.ID.SequenceEnd) || event.is(Event.ID.MappingEnd)) {
                    flow.pop();
                } else if (event instanceof ScalarEvent scalar && Boolean.TRUE.equals(flow.peek())
                        && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && scalar.getValue().contains("$")) {
                    problems.add(file + ":" + (scalar.getStartMark().getLine() + 1) + ": unquoted '" + scalar.getValue()
                            + "' inside a flow collection; quote the whole entry");
                }
            }
            return true;
        } catch (YAMLException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
            return false;
        }
    }

    // ---------------------------------------------------------------- k8s/*.yaml

    /**
     * @param manifests  file name to text, every manifest of the folder
     * @param readme     the folder's README, which names the Secrets and ConfigMaps created out of band
     *                   ({@code kubectl create secret generic <name>}) and the GPU image
     * @param partitions topic to partitions, as the compose topic-init creates them
     */
    List<String> checkManifests(Map<String, String> manifests, String readme, Map<String, Integer> partitions) {
        List<String> problems = new ArrayList<>();
        List<Doc> docs = new ArrayList<>();
        manifests.forEach((file, text) -> {
            List<String> parseProblems = new ArrayList<>();
            if (!unquotedInterpolationInFlow(file, text, parseProblems)) {
                problems.addAll(parseProblems);
                return;
            }
            problems.addAll(parseProblems);
            int index = 0;
            for (Object document : yaml().loadAll(text)) {
                index++;
                if (document == null) {
                    continue; // an empty document (comments only); kubectl skips it too
                }
                Map<String, Object> doc = map(document);
                String name = string(map(doc.get("metadata")).get("name"));
                String where = file + " document " + index;
                for (String field : List.of("apiVersion", "kind")) {
                    if (string(doc.get(field)).isEmpty()) {
                        problems.add(where + " has no " + field);
                    }
                }
                if (name.isEmpty()) {
                    problems.add(where + " has no metadata.name");
                }
                docs.add(new Doc(file, string(doc.get("kind")), name, doc));
            }
        });

        Set<String> configMaps = names(docs, "ConfigMap");
        Set<String> secrets = names(docs, "Secret");
        Matcher oob = OUT_OF_BAND.matcher(readme);
        while (oob.find()) {
            (oob.group(1).startsWith("secret") ? secrets : configMaps).add(oob.group(2));
        }

        Map<String, WorkerConfig> deploymentWorker = new LinkedHashMap<>();
        Set<String> deployedWorkers = new HashSet<>();
        for (Doc doc : docs) {
            if (doc.kind().equals("Deployment")) {
                WorkerConfig worker = checkDeployment(doc, configMaps, secrets, readme, problems);
                deploymentWorker.put(doc.name(), worker);
                if (worker != null) {
                    deployedWorkers.add(worker.name());
                }
            }
        }
        for (String worker : workers.keySet()) {
            if (!deployedWorkers.contains(worker)) {
                problems.add("k8s: worker " + worker + " (services/" + worker + ") has no Deployment with a container named " + worker);
            }
        }
        for (Doc doc : docs) {
            if (doc.kind().equals("ScaledObject")) {
                checkScaledObject(doc, deploymentWorker, partitions, problems);
            }
        }
        return problems;
    }

    private record Doc(String file, String kind, String name, Map<String, Object> body) {
        String where() {
            return file + ": " + kind + " " + name;
        }
    }

    /** @return the worker the Deployment runs (a container named after it), or null */
    private WorkerConfig checkDeployment(Doc doc, Set<String> configMaps, Set<String> secrets, String readme, List<String> problems) {
        Map<String, Object> spec = map(doc.body().get("spec"));
        Map<String, Object> template = map(spec.get("template"));
        Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
        Map<String, Object> labels = map(map(template.get("metadata")).get("labels"));
        if (selector.isEmpty()) {
            problems.add(doc.where() + " has no spec.selector.matchLabels");
        }
        selector.forEach((k, v) -> {
            if (!v.equals(labels.get(k))) {
                problems.add(doc.where() + ": selector " + k + "=" + v + " does not match template label " + k + "=" + labels.get(k));
            }
        });
        Map<String, Object> podSpec = map(template.get("spec"));
        List<Map<String, Object>> containers = maps(podSpec.get("containers"));
        if (containers.isEmpty()) {
            problems.add(doc.where() + " has no containers");
        }
        for (Map<String, Object> volume : maps(podSpec.get("volumes"))) {
            requireRef(doc, "volume secret", string(map(volume.get("secret")).get("secretName")), secrets, map(volume.get("secret")), problems);
            requireRef(doc, "volume configMap", string(map(volume.get("configMap")).get("name")), configMaps, map(volume.get("configMap")), problems);
        }
        WorkerConfig runs = null;
        for (Map<String, Object> container : containers) {
            String name = string(container.get("name"));
            String where = doc.where() + " container " + name;
            String image = string(container.get("image"));
            if (image.isEmpty()) {
                problems.add(where + " has no image");
            }
            for (Map<String, Object> from : maps(container.get("envFrom"))) {
                requireRef(doc, "envFrom configMapRef", string(map(from.get("configMapRef")).get("name")), configMaps, map(from.get("configMapRef")), problems);
                requireRef(doc, "envFrom secretRef", string(map(from.get("secretRef")).get("name")), secrets, map(from.get("secretRef")), problems);
            }
            for (Map<String, Object> env : maps(container.get("env"))) {
                Map<String, Object> valueFrom = map(env.get("valueFrom"));
                requireRef(doc, "env configMapKeyRef", string(map(valueFrom.get("configMapKeyRef")).get("name")), configMaps, map(valueFrom.get("configMapKeyRef")), problems);
                requireRef(doc, "env secretKeyRef", string(map(valueFrom.get("secretKeyRef")).get("name")), secrets, map(valueFrom.get("secretKeyRef")), problems);
                if (env.containsKey("value") && !(env.get("value") instanceof String)) {
                    problems.add(where + ": env " + env.get("name") + " is " + describe(env.get("value")) + ", not a string (quote it)");
                }
            }
            Map<String, Object> resources = map(container.get("resources"));
            if (map(resources.get("limits")).containsKey("nvidia.com/gpu") || map(resources.get("requests")).containsKey("nvidia.com/gpu")) {
                String tag = image.substring(image.lastIndexOf('/') + 1);
                if (!tag.contains(":") || tag.endsWith(":latest")) {
                    problems.add(where + " requests nvidia.com/gpu but its image '" + image + "' has no pinned tag");
                }
                if (image.isEmpty() || !readme.contains(image)) {
                    problems.add(where + " requests nvidia.com/gpu but k8s/README.md does not say what its image '" + image + "' is");
                }
            }
            WorkerConfig worker = workers.get(name);
            if (worker != null) {
                runs = worker;
                checkProbes(where, worker, container, problems);
            }
        }
        return runs;
    }

    private static void checkProbes(String where, WorkerConfig worker, Map<String, Object> container, List<String> problems) {
        Map<String, Integer> namedPorts = new TreeMap<>();
        Set<Integer> containerPorts = new TreeSet<>();
        for (Map<String, Object> port : maps(container.get("ports"))) {
            if (port.get("containerPort") instanceof Integer number) {
                containerPorts.add(number);
                if (port.get("name") instanceof String portName) {
                    namedPorts.put(portName, number);
                }
            }
        }
        if (!containerPorts.contains(worker.httpPort())) {
            problems.add(where + ": containerPort " + containerPorts + " does not include quarkus.http.port " + worker.httpPort());
        }
        for (String probeName : List.of("readinessProbe", "livenessProbe")) {
            Map<String, Object> httpGet = map(map(container.get(probeName)).get("httpGet"));
            if (httpGet.isEmpty()) {
                problems.add(where + " has no " + probeName + ".httpGet");
                continue;
            }
            String path = string(httpGet.get("path"));
            if (!QUARKUS_HEALTH_PATHS.contains(path)) {
                problems.add(where + ": " + probeName + " path '" + path + "' is not one of " + new TreeSet<>(QUARKUS_HEALTH_PATHS));
            }
            Object port = httpGet.get("port");
            Integer resolved = port instanceof Integer number ? number : namedPorts.get(string(port));
            if (resolved == null) {
                problems.add(where + ": " + probeName + " port '" + port + "' names no container port");
            } else if (resolved != worker.httpPort()) {
                problems.add(where + ": " + probeName + " port " + resolved + " is not quarkus.http.port " + worker.httpPort());
            }
        }
    }

    private void checkScaledObject(Doc doc, Map<String, WorkerConfig> deploymentWorker, Map<String, Integer> partitions, List<String> problems) {
        Map<String, Object> spec = map(doc.body().get("spec"));
        Map<String, Object> target = map(spec.get("scaleTargetRef"));
        String targetName = string(target.get("name"));
        String targetKind = target.containsKey("kind") ? string(target.get("kind")) : "Deployment";
        if (!targetKind.equals("Deployment") || !deploymentWorker.containsKey(targetName)) {
            problems.add(doc.where() + ": scaleTargetRef " + targetKind + " '" + targetName + "' is not a Deployment in k8s/");
            return;
        }
        WorkerConfig worker = deploymentWorker.get(targetName);
        int maxReplicas = spec.get("maxReplicaCount") instanceof Integer n ? n : 100; // KEDA's default
        for (Map<String, Object> trigger : maps(spec.get("triggers"))) {
            if (!"kafka".equals(trigger.get("type"))) {
                continue;
            }
            Map<String, Object> meta = map(trigger.get("metadata"));
            String group = string(meta.get("consumerGroup"));
            String topic = string(meta.get("topic"));
            if (worker == null) {
                problems.add(doc.where() + ": target " + targetName + " runs no known worker, so group '" + group + "' cannot be checked");
                continue;
            }
            boolean read = worker.incoming().stream()
                    .anyMatch(in -> in.sharedGroup() && in.groupId().equals(group) && in.topic().equals(topic));
            if (!read) {
                String reads = worker.incoming().stream().filter(WorkerConfig.Incoming::sharedGroup)
                        .map(in -> in.groupId() + " on " + in.topic()).collect(Collectors.joining(", "));
                problems.add(doc.where() + ": kafka trigger consumer group '" + group + "' on topic '" + topic
                        + "' is not what worker " + worker.name() + " reads (" + reads + ")");
            }
            Integer created = partitions.get(topic);
            if (created == null) {
                problems.add(doc.where() + ": trigger topic " + topic + " is not created by the compose topic-init");
            } else if (maxReplicas > created) {
                problems.add(doc.where() + ": maxReplicaCount " + maxReplicas + " > " + created + " partitions of " + topic
                        + " (the extra replicas would sit idle)");
            }
        }
    }

    private static void requireRef(Doc doc, String what, String name, Set<String> known, Map<String, Object> ref, List<String> problems) {
        if (!name.isEmpty() && !known.contains(name) && !Boolean.TRUE.equals(ref.get("optional"))) {
            problems.add(doc.where() + ": " + what + " '" + name
                    + "' is neither a document in k8s/ nor created out of band in k8s/README.md (kubectl create ... " + name + ")");
        }
    }

    // ---------------------------------------------------------------- YAML plumbing

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions())); // SafeConstructor resolves << merge keys
    }

    private static Object load(String file, String text, List<String> problems) {
        try {
            return yaml().load(text);
        } catch (YAMLException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
            return null;
        }
    }

    private static Set<String> names(List<Doc> docs, String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).map(Doc::name).collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> l ? l.stream().map(DeploymentChecker::map).toList() : List.of();
    }

    /** A scalar or a list of scalars, as strings (a compose healthcheck test or command may be either). */
    private static List<String> strings(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static Collection<String> keys(Map<?, ?> m) {
        return m.keySet().stream().map(String::valueOf).toList();
    }

    private static String string(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String describe(Object value) {
        return value == null ? "empty" : "a " + value.getClass().getSimpleName() + " (" + value + ")";
    }
}
