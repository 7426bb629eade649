package org.lesionsim.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a deployment file must agree with, read from one worker's {@code application.properties}
 * (production profile only: {@code %test.}/{@code %dev.} keys are ignored): its HTTP port, the
 * topics it reads or writes, and the consumer group of each incoming channel.
 *
 * @param name       the worker's folder under {@code services/}, which is also its compose service and
 *                   its k8s container name
 * @param httpPort   {@code quarkus.http.port}
 * @param incoming   incoming channels (channel name, topic, group id; the group may hold {@code ${...}})
 * @param topics     every topic named by an {@code mp.messaging.*.*.topic}
 */
record WorkerConfig(String name, int httpPort, List<Incoming> incoming, Set<String> topics) {

    record Incoming(String channel, String topic, String groupId) {
        /** A group with {@code ${quarkus.uuid}} or similar is per pod: no one can scale on its lag. */
        boolean sharedGroup() {
            return groupId != null && !groupId.contains("${");
        }
    }

    private static final Pattern CHANNEL_TOPIC = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");

    /** Every worker: a folder {@code services/<name>} whose application.properties sets an HTTP port. */
    static List<WorkerConfig> discover(Path repoRoot) throws IOException {
        List<WorkerConfig> workers = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(repoRoot.resolve("services"))) {
            for (Path dir : dirs.sorted().toList()) {
                Path props = dir.resolve("src/main/resources/application.properties");
                if (Files.isRegularFile(props)) {
                    try (Reader reader = Files.newBufferedReader(props)) {
                        WorkerConfig worker = parse(dir.getFileName().toString(), reader);
                        if (worker != null) {
                            workers.add(worker);
                        }
                    }
                }
            }
        }
        return workers;
    }

    static WorkerConfig parse(String name, String properties) {
        try {
            return parse(name, new StringReader(properties));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the worker, or null when the file sets no {@code quarkus.http.port} (not a deployable worker) */
    static WorkerConfig parse(String name, Reader properties) throws IOException {
        Properties p = new Properties();
        p.load(properties);
        String port = p.getProperty("quarkus.http.port");
        if (port == null) {
            return null;
        }
        Map<String, Incoming> incoming = new TreeMap<>();
        Set<String> topics = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = CHANNEL_TOPIC.matcher(key);
            if (m.matches()) {
                String topic = p.getProperty(key).trim();
                topics.add(topic);
                if (m.group(1).equals("incoming")) {
                    String channel = m.group(2);
                    String group = p.getProperty("mp.messaging.incoming." + channel + ".group.id");
                    incoming.put(channel, new Incoming(channel, topic, group == null ? null : group.trim()));
                }
            }
        }
        return new WorkerConfig(name, Integer.parseInt(port.trim()), List.copyOf(incoming.values()), topics);
    }
}
